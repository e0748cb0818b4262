package dev.juxta.app.chat;

import dev.juxta.app.common.FramePulse;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.StreamStats;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One chat pane: its session, its turns, its state. Runs each turn as a {@link TurnTask} on the
 * injected executor and shows the streamed deltas once per frame from the {@link FramePulse}.
 * FX thread only, except that the session streams on the executor's thread.
 */
public final class ChatViewModel {
    private final String name;
    private final Executor executor;
    private final FramePulse pulse;
    private final Runnable flusher = this::flush;
    private final DeltaBuffer buffer = new DeltaBuffer();
    private final SettingsViewModel settings = new SettingsViewModel(SessionOptions.defaults());
    private final ReadOnlyObjectWrapper<ChatState> state = new ReadOnlyObjectWrapper<>(this, "state", ChatState.NO_MODEL);
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper(this, "stats", "");
    private final ObservableList<TurnModel> turns = FXCollections.observableArrayList();
    private final ObservableList<TurnModel> readOnlyTurns = FXCollections.unmodifiableObservableList(turns);
    private final BooleanBinding canSend;
    private final BooleanBinding canStop;
    private ChatSession session;
    private TurnTask task;
    private ChatSession turnSession;
    private TurnModel current;
    private TurnFigures figures;

    public ChatViewModel(String name, Executor executor, FramePulse pulse) {
        this.name = name;
        this.executor = executor;
        this.pulse = pulse;
        canSend = Bindings.createBooleanBinding(
                () -> state.get().acceptsPrompt() && !prompt.get().isBlank(), state, prompt);
        canStop = Bindings.createBooleanBinding(
                () -> state.get().isBusy() && state.get() != ChatState.STOPPING, state);
        status.bind(Bindings.createStringBinding(
                () -> stats.get().isEmpty() ? state.get().label() : state.get().label() + " · " + stats.get(), state, stats));
    }

    /** Gives the pane a session (a newly picked model); the old session is closed, the turns stay. */
    public void attach(ChatSession newSession) {
        if (state.get() == ChatState.CLOSED) {
            newSession.close();
            return;
        }
        ChatSession old = session;
        session = newSession;
        modelName.set(newSession.modelName());
        if (old != null) {
            old.close();
        }
        if (!state.get().isBusy()) {
            state.set(ChatState.IDLE);
        }
    }

    public void markLoading(boolean loading) {
        if (loading && !state.get().isBusy()) {
            state.set(ChatState.LOADING_MODEL);
        } else if (!loading && state.get() == ChatState.LOADING_MODEL) {
            state.set(session == null ? ChatState.NO_MODEL : ChatState.IDLE);
        }
    }

    /** The pane's one button: Send while idle, Stop while streaming. */
    public void sendOrStop() {
        if (canStop.get()) {
            stop();
        } else {
            send();
        }
    }

    /** Sends the prompt field's text. */
    public void send() {
        if (canSend.get() && send(prompt.get())) {
            prompt.set("");
        }
    }

    /** Sends a prompt (the prompt field is left alone); false when the pane cannot take one now. */
    public boolean send(String text) {
        if (!state.get().acceptsPrompt() || text.isBlank()) {
            return false;
        }
        if (!settings.apply()) {
            error.set(settings.errorProperty().get());
            return false;
        }
        error.set("");
        current = new TurnModel(text.strip());
        turns.add(current);
        TurnFigures turnFigures = new TurnFigures(buffer);
        figures = turnFigures;
        state.set(ChatState.READING_PROMPT);
        turnSession = session;
        task = new TurnTask(session, current.prompt(), settings.options(), buffer);
        task.messageProperty().addListener((obs, old, phase) -> onPhase(phase));
        TurnTask started = task;
        task.progressProperty().addListener(o -> turnFigures.prompt((long) started.getWorkDone(), (long) started.getTotalWork()));
        task.setOnSucceeded(e -> finish(ChatState.IDLE, null));
        task.setOnCancelled(e -> finish(ChatState.STOPPED, null));
        task.setOnFailed(e -> finish(ChatState.ERROR, task.getException()));
        pulse.subscribe(flusher);
        executor.execute(task);
        return true;
    }

    /** Stop: reaches the native stream through the session; the turn then ends as cancelled. */
    public void stop() {
        if (canStop.get()) {
            state.set(ChatState.STOPPING);
            session.cancel();
        }
    }

    /** Close: ends the stream and the session; the pane is done. */
    public void close() {
        if (state.get() == ChatState.CLOSED) {
            return;
        }
        state.set(ChatState.CLOSED);
        pulse.unsubscribe(flusher);
        if (session != null) {
            session.close();
        }
    }

    /** Forgets the conversation (the session's history and the pane's turns). */
    public void clear() {
        if (state.get().isBusy() || session == null) {
            return;
        }
        session.reset();
        turns.clear();
    }

    private void onPhase(String phase) {
        if (phase == null || phase.isEmpty() || !state.get().isBusy() || state.get() == ChatState.STOPPING) {
            return;
        }
        state.set(switch (StreamPhase.valueOf(phase)) {
            case STARTING_ENGINE -> ChatState.STARTING_ENGINE;
            case WAITING_FOR_SLOT -> ChatState.WAITING_FOR_SLOT;
            case READING_PROMPT -> ChatState.READING_PROMPT;
            case GENERATING -> ChatState.STREAMING;
        });
    }

    /** Called once per frame while a turn runs, and once more when it ends. */
    void flush() {
        if (current == null) {
            return;
        }
        String text = buffer.drain();
        if (!text.isEmpty()) {
            current.append(text);
            if (state.get().isBusy() && state.get() != ChatState.STOPPING) {
                state.set(ChatState.STREAMING);
            }
        }
        if (figures.refreshDue()) {
            current.setStats(figures.live());
            stats.set(current.statsProperty().get());
        }
    }

    private void finish(ChatState end, Throwable failure) {
        flush();
        pulse.unsubscribe(flusher);
        current.finish();
        task = null;
        if (state.get() == ChatState.CLOSED) {
            return;
        }
        StreamStats last = turnSession.lastStats();
        if (failure != null) {
            error.set(failure.getMessage());
        }
        if (last == null) {
            current.setStats("");
            stats.set("");
        } else {
            current.setStats(ended(last, end));
            stats.set(endedStatus(last, end));
        }
        state.set(end);
    }

    /** The line under an ended answer: its figures and why it ended. */
    private static String ended(StreamStats stats, ChatState end) {
        return line(stats, ending(stats, end));
    }

    /**
     * The same for the pane's status line, which starts with the state: "stopped · … · stopped"
     * would say it twice, so an ending that is the state is left out.
     */
    private static String endedStatus(StreamStats stats, ChatState end) {
        String ending = ending(stats, end);
        return line(stats, ending.equals(end.label()) ? null : ending);
    }

    private static String ending(StreamStats stats, ChatState end) {
        return switch (end) {
            case STOPPED, ERROR -> end.label();
            default -> stats.stopReason() == null ? "done" : stats.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String line(StreamStats stats, String ending) {
        String line = String.format(Locale.ROOT, "%s · %.1f tok/s · first token %s · context %d/%d",
                TurnFigures.tokens(stats.generatedTokens()), stats.tokensPerSecond(),
                stats.timeToFirstTokenMillis() < 0 ? "-" : stats.timeToFirstTokenMillis() + " ms",
                stats.contextUsed(), stats.contextLength());
        if (ending != null) {
            line += " · " + ending;
        }
        return stats.turnsDropped() > 0 ? line + " · " + stats.turnsDropped() + " old turns dropped" : line;
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<ChatState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ChatState state() {
        return state.get();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ObservableList<TurnModel> turns() {
        return readOnlyTurns;
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public DeltaBuffer deltaBuffer() {
        return buffer;
    }

    public boolean hasSession() {
        return session != null;
    }
}
