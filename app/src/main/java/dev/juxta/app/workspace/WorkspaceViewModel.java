package dev.juxta.app.workspace;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.FramePulse;
import dev.juxta.app.engine.SessionSource;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** The window's panes: adding and closing them, Send to all, Stop all, and loading models into them. */
public final class WorkspaceViewModel {
    public static final int INITIAL_PANES = 2;

    private final SessionSource sessions;
    private final Executor executor;
    private final FramePulse pulse;
    private final AppSettings settings;
    private final ObservableList<ChatViewModel> panes = FXCollections.observableArrayList();
    private final ObjectProperty<ChatViewModel> activePane = new SimpleObjectProperty<>(this, "activePane");
    private final StringProperty broadcastPrompt = new SimpleStringProperty(this, "broadcastPrompt", "");
    private Path currentModel;
    private ModelOptions currentModelOptions = ModelOptions.defaults();
    private int created;
    private String comparisonId = newId();

    public WorkspaceViewModel(SessionSource sessions, Executor executor, FramePulse pulse, AppSettings settings) {
        this.sessions = sessions;
        this.executor = executor;
        this.pulse = pulse;
        this.settings = settings;
        for (int i = 0; i < INITIAL_PANES; i++) {
            newPane();
        }
    }

    /** Adds "Chat N"; it runs the model last loaded, if any. */
    public ChatViewModel newPane() {
        ChatViewModel pane = addPane();
        if (currentModel != null) {
            loadModel(currentModel, currentModelOptions, List.of(pane));
        }
        return pane;
    }

    private ChatViewModel addPane() {
        ChatViewModel pane = new ChatViewModel("Chat " + ++created, executor, pulse);
        panes.add(pane);
        activePane.set(pane);
        return pane;
    }

    /** A new pane with {@code source}'s model, settings and conversation, to take it another way. */
    public ChatViewModel fork(ChatViewModel source) {
        return openPane(source.snapshot());
    }

    /**
     * A new pane with {@code source}'s model, settings and conversation before turn {@code turn},
     * whose answer to that turn's prompt continues {@code answerPrefix}: an answer forked at a token.
     */
    public ChatViewModel forkAt(ChatViewModel source, int turn, String answerPrefix) {
        PaneSnapshot whole = source.snapshot();
        PaneSnapshot before = new PaneSnapshot(whole.name(), whole.model(), whole.options(), whole.turns().subList(0, turn));
        ChatViewModel fork = openPane(before);
        fork.continueAnswer(whole.turns().get(turn).prompt(), answerPrefix);
        return fork;
    }

    /** A new pane with a snapshot's settings and conversation, on its model (such as a blind vote's winner). */
    public ChatViewModel openPane(PaneSnapshot snapshot) {
        ChatViewModel pane = addPane();
        pane.restore(snapshot);
        if (snapshot.model() != null) {
            loadModel(snapshot.model().file(), currentModelOptions, List.of(pane));
        }
        return pane;
    }

    /** Ends this comparison and starts an empty one: two new panes on the current model. */
    public void newComparison() {
        List.copyOf(panes).forEach(this::closePane);
        comparisonId = newId();
        created = 0;
        for (int i = 0; i < INITIAL_PANES; i++) {
            newPane();
        }
    }

    /** The window's panes as they can be saved or exported; FX thread. */
    public ComparisonSnapshot snapshot() {
        List<PaneSnapshot> saved = panes.stream().map(ChatViewModel::snapshot).toList();
        return new ComparisonSnapshot(comparisonId, ComparisonSnapshot.titleOf(saved), Instant.now(), saved);
    }

    /**
     * Replaces the panes by a saved comparison's: each pane gets its settings and conversation back,
     * and its model is loaded (the engine reads the conversation again when the pane next streams).
     * A pane whose model file is gone says so and keeps its conversation.
     */
    public void restore(ComparisonSnapshot saved) {
        List.copyOf(panes).forEach(this::closePane);
        comparisonId = saved.id();
        created = 0;
        Map<Path, List<ChatViewModel>> byModel = new LinkedHashMap<>();
        for (PaneSnapshot paneSnapshot : saved.panes()) {
            ChatViewModel pane = addPane();
            pane.restore(paneSnapshot);
            Path file = paneSnapshot.model() != null ? paneSnapshot.model().file() : currentModel;
            if (file != null && Files.isRegularFile(file)) {
                byModel.computeIfAbsent(file, f -> new ArrayList<>()).add(pane);
            } else if (file != null) {
                pane.reportError("The model file " + file + " is not there any more: choose a model for this pane.");
            }
        }
        byModel.forEach((file, targets) -> loadModel(file, currentModelOptions, targets));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    public String comparisonId() {
        return comparisonId;
    }

    public void closePane(ChatViewModel pane) {
        pane.close();
        panes.remove(pane);
        if (activePane.get() == pane) {
            activePane.set(panes.isEmpty() ? null : panes.getLast());
        }
    }

    public void closeActivePane() {
        Optional.ofNullable(activePane.get()).ifPresent(this::closePane);
    }

    public void stopActivePane() {
        Optional.ofNullable(activePane.get()).ifPresent(ChatViewModel::stop);
    }

    /** Sends one prompt to every pane that can take it; each uses its own settings. Returns how many took it. */
    public int sendToAll(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return 0;
        }
        int sent = 0;
        for (ChatViewModel pane : panes) {
            if (pane.send(prompt)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends the workspace prompt field's text to all panes and clears it. */
    public void sendBroadcast() {
        if (sendToAll(broadcastPrompt.get()) > 0) {
            broadcastPrompt.set("");
        }
    }

    public void stopAll() {
        panes.forEach(ChatViewModel::stop);
    }

    /** Loads a model into every pane (Ctrl+L), remembering it for new panes and the next start. */
    public Task<?> loadModelForAll(Path model, ModelOptions modelOptions) {
        return loadModel(model, modelOptions, List.copyOf(panes));
    }

    /** Loads a model into the given panes on the executor; watch or cancel it through the returned task. */
    public Task<?> loadModel(Path model, ModelOptions modelOptions, List<ChatViewModel> targets) {
        ModelLoadTask task = new ModelLoadTask(sessions, model, modelOptions.withMaxSessions(slotsFor(panes.size())), targets);
        task.stateProperty().addListener((obs, old, now) -> {
            if (now == javafx.concurrent.Worker.State.SUCCEEDED) {
                currentModel = model;
                currentModelOptions = modelOptions;
                settings.rememberModel(model);
            }
        });
        executor.execute(task);
        return task;
    }

    static int slotsFor(int panes) {
        return Math.min(ModelOptions.MAX_SESSIONS, Math.max(4, panes));
    }

    /** The options the last model was loaded with, for other panes on the same model. */
    public ModelOptions currentModelOptions() {
        return currentModelOptions;
    }

    public Optional<Path> lastModel() {
        return settings.lastModel();
    }

    public ObservableList<ChatViewModel> panes() {
        return panes;
    }

    public ObjectProperty<ChatViewModel> activePaneProperty() {
        return activePane;
    }

    public StringProperty broadcastPromptProperty() {
        return broadcastPrompt;
    }

    /** Closes every pane's session and unloads every model. */
    public void shutdown() {
        panes.forEach(ChatViewModel::close);
        sessions.close();
    }
}
