package dev.juxta.app.history;

import dev.juxta.app.compare.Vote;
import dev.juxta.app.compare.VoteLog;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.app.workspace.WorkspaceViewModel;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's history: restores the last comparison at start, saves every change
 * ({@link HistoryAutosaver}), and backs the conversations list (search, open, delete, new).
 * FX thread only; the store is opened and used on the executor, and its answers come back
 * through {@code fx}.
 */
public final class HistoryViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final CompletableFuture<HistoryStore> store;
    private final WorkspaceViewModel workspace;
    private final Executor executor;
    private final Executor fx;
    private final HistoryAutosaver autosaver;
    private final ObservableList<ConversationSummary> conversations = FXCollections.observableArrayList();
    private final ObservableList<ConversationSummary> readOnlyConversations = FXCollections.unmodifiableObservableList(conversations);
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<ConversationSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding canOpen = selected.isNotNull();
    private final BooleanBinding canDelete;
    private long searches;

    /**
     * @param opening opens the store; called once, on the executor
     * @param fx      runs the store's answers on the FX thread ({@code Platform::runLater})
     */
    public HistoryViewModel(Supplier<HistoryStore> opening, WorkspaceViewModel workspace,
                            Executor executor, Executor fx) {
        this.store = CompletableFuture.supplyAsync(opening, executor);
        this.workspace = workspace;
        this.executor = executor;
        this.fx = fx;
        this.autosaver = new HistoryAutosaver(workspace, snapshot -> store.join().save(snapshot), executor,
                problem -> fx.execute(() -> notice.set(problem)));
        // The open comparison would be saved again at its next change: start a new one to drop it.
        canDelete = Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().id().equals(workspace.comparisonId()), selected);
        query.addListener((obs, old, now) -> refresh());
    }

    /**
     * Restores the comparison open when Juxta last ran, or runs {@code otherwise} when there is none
     * with panes; then saves every change. Shows a problem with the history file as the notice.
     */
    public void restoreLast(Runnable otherwise) {
        store.thenApplyAsync(s -> {
            s.problem().ifPresent(problem -> fx.execute(() -> notice.set(problem)));
            return s.latest().filter(last -> !last.panes().isEmpty());
        }, executor).whenCompleteAsync((last, failure) -> {
            if (failure != null) {
                notice.set("History: " + cause(failure).getMessage());
            }
            if (last != null && last.isPresent()) {
                workspace.restore(last.get());
            } else {
                otherwise.run();
            }
            autosaver.start();
        }, fx);
    }

    /** Lists the saved comparisons that match the search field, newest first. */
    /** Blind votes, kept in the history's database. Off the FX thread: the first call may wait for the database to open. */
    public VoteLog votes() {
        return new VoteLog() {
            @Override
            public void add(Vote vote) {
                store.join().voteLog().add(vote);
            }

            @Override
            public List<Vote> all() {
                return store.join().voteLog().all();
            }
        };
    }

    public void refresh() {
        long search = ++searches;
        String text = query.get();
        whenStored(s -> s.search(text), found -> {
            if (search == searches) {
                conversations.setAll(found);
            }
        });
    }

    /** Puts the selected comparison into the window; the one open before is saved first. False when none is selected. */
    public boolean openSelected() {
        ConversationSummary chosen = selected.get();
        if (chosen == null) {
            return false;
        }
        whenStored(s -> s.load(chosen.id()), found -> found.ifPresentOrElse(this::replaceWith,
                () -> notice.set("The conversation \"" + chosen.title() + "\" is no longer saved.")));
        return true;
    }

    private void replaceWith(ComparisonSnapshot comparison) {
        autosaver.saveNow();
        workspace.restore(comparison);
    }

    public void deleteSelected() {
        if (!canDelete.get()) {
            return;
        }
        String id = selected.get().id();
        whenStored(s -> {
            s.delete(id);
            return id;
        }, deleted -> refresh());
    }

    /** Saves the comparison open now and starts an empty one. */
    public void newComparison() {
        autosaver.saveNow();
        workspace.newComparison();
        refresh();
    }

    /** How a saved comparison reads in the list, under its title. */
    public static String details(ConversationSummary summary) {
        String models = summary.modelNames().isEmpty() ? "no model" : String.join(", ", summary.modelNames());
        return summary.paneCount() + (summary.paneCount() == 1 ? " pane" : " panes") + " · " + models
                + " · " + WHEN.format(summary.updated());
    }

    /** Saves what the window shows and closes the file (the app's stop); waits for the writes. */
    public void stop() {
        autosaver.saveNow();
        try {
            autosaver.awaitWritten();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.thenAccept(HistoryStore::close);
    }

    private <T> void whenStored(Function<HistoryStore, T> work, Consumer<T> then) {
        store.thenApplyAsync(work, executor).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                notice.set("History: " + cause(failure).getMessage());
            } else {
                then.accept(result);
            }
        }, fx);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    public ObservableList<ConversationSummary> conversations() {
        return readOnlyConversations;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<ConversationSummary> selectedProperty() {
        return selected;
    }

    /** A problem with the history to tell the user (a damaged file set aside, a failed save); "" when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void dismissNotice() {
        notice.set("");
    }

    public BooleanBinding canOpenProperty() {
        return canOpen;
    }

    public BooleanBinding canDeleteProperty() {
        return canDelete;
    }

}
