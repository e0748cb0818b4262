package dev.juxta.app.chat;

import dev.juxta.app.common.FramePulse;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.StreamStats;
import dev.juxta.llama.ChatTurn;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
    /** Alternatives the engine reports per token, for the compare views' shading and forks. */
    public static final int ALTERNATIVES = 5;

    private final String name;
    private final Executor executor;
    private final FramePulse pulse;
    private final Runnable flusher = this::flush;
    private final LongSupplier clock;
    private final DeltaBuffer buffer;
    private final SettingsViewModel settings = new SettingsViewModel(SessionOptions.defaults().withAlternatives(ALTERNATIVES));
    private final SplittableRandom seeds = new SplittableRandom();
    private final ReadOnlyObjectWrapper<ModelRef> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
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
    private final BooleanBinding canRevise;
    private ChatSession session;
    private TurnTask task;
    private TurnModel current;
    private TurnFigures figures;
    /** A fork's answer to continue once the pane has its session. */
    private Runnable onAttach;

    public ChatViewModel(String name, Executor executor, FramePulse pulse) {
        this(name, executor, pulse, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as {@link System#nanoTime}, for the live figures (tests pass their own). */
    public ChatViewModel(String name, Executor executor, FramePulse pulse, LongSupplier clock) {
        this.name = name;
        this.executor = executor;
        this.pulse = pulse;
        this.clock = clock;
        this.buffer = new DeltaBuffer(clock);
        canSend = Bindings.createBooleanBinding(
                () -> state.get().acceptsPrompt() && !prompt.get().isBlank(), state, prompt);
        canRevise = Bindings.createBooleanBinding(() -> state.get().acceptsPrompt(), state);
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
        model.set(ModelRef.of(newSession.model()));
        if (old != null) {
            old.close();
        }
        if (!turns.isEmpty() && !state.get().isBusy()) {
            newSession.replaceTranscript(history());
        }
        if (!state.get().isBusy()) {
            moveTo(ChatState.IDLE);
        }
        changed();
        if (onAttach != null) {
            Runnable action = onAttach;
            onAttach = null;
            action.run();
        }
    }

    /** Shows a problem the pane cannot solve itself, such as its model file gone. */
    public void reportError(String message) {
        error.set(message);
    }

    public void markLoading(boolean loading) {
        if (loading && !state.get().isBusy()) {
            moveTo(ChatState.LOADING_MODEL);
        } else if (!loading && state.get() == ChatState.LOADING_MODEL) {
            moveTo(session == null ? ChatState.NO_MODEL : ChatState.IDLE);
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
        return startTurn(text.strip(), "", SessionOptions.RANDOM_SEED);
    }

    /**
     * Regenerates the last answer: it is dropped and its prompt sent again, with the answer's own
     * seed or a new one. False when the pane cannot send now or has no turn.
     */
    public boolean regenerate(boolean sameSeed) {
        if (!state.get().acceptsPrompt() || turns.isEmpty()) {
            return false;
        }
        TurnModel last = turns.getLast();
        truncate(turns.size() - 1);
        return startTurn(last.prompt(), "", sameSeed ? last.seed() : SessionOptions.RANDOM_SEED);
    }

    /** Edits the prompt of turn {@code index}: that turn and the ones after it go, and the new prompt is sent. */
    public boolean resendFrom(int index, String newPrompt) {
        if (!state.get().acceptsPrompt() || index < 0 || index >= turns.size() || newPrompt.isBlank()) {
            return false;
        }
        truncate(index);
        return startTurn(newPrompt.strip(), "", SessionOptions.RANDOM_SEED);
    }

    /**
     * Sends {@code prompt} with the answer's start given: the model continues {@code answerPrefix}.
     * When the pane has no session yet (a fork whose model is loading), it starts once it has one.
     */
    public void continueAnswer(String prompt, String answerPrefix) {
        if (session == null || !state.get().acceptsPrompt()) {
            onAttach = () -> startTurn(prompt, answerPrefix, SessionOptions.RANDOM_SEED);
            return;
        }
        startTurn(prompt, answerPrefix, SessionOptions.RANDOM_SEED);
    }

    private void truncate(int keep) {
        turns.remove(keep, turns.size());
        if (session != null) {
            session.replaceTranscript(history());
        }
        changed();
    }

    /** The turns as the session's history: answered ones only, as the engine records them. */
    private List<ChatTurn> history() {
        return turns.stream().filter(t -> !t.answer().isEmpty()).map(t -> new ChatTurn(t.prompt(), t.answer())).toList();
    }

    /** {@code seed}: the seed to draw this answer with, or RANDOM_SEED for the settings' seed (a fresh one when that is random). */
    private boolean startTurn(String text, String answerPrefix, long seed) {
        if (!state.get().acceptsPrompt() || text.isBlank()) {
            return false;
        }
        if (!settings.apply()) {
            error.set(settings.errorProperty().get());
            return false;
        }
        error.set("");
        SessionOptions options = settings.options();
        long turnSeed = seed != SessionOptions.RANDOM_SEED ? seed
                : options.seed() != SessionOptions.RANDOM_SEED ? options.seed() : seeds.nextInt(Integer.MAX_VALUE);
        current = new TurnModel(text, turnSeed);
        current.append(answerPrefix);
        turns.add(current);
        changed();
        TurnFigures turnFigures = new TurnFigures(buffer, clock);
        figures = turnFigures;
        moveTo(ChatState.READING_PROMPT);
        TurnTask turn = new TurnTask(session, current.prompt(), answerPrefix, options.withSeed(turnSeed), buffer);
        task = turn;
        turn.phaseProperty().addListener((obs, old, phase) -> onPhase(phase));
        turn.promptSizeProperty().addListener((obs, old, size) -> turnFigures.prompt(size.tokens(), size.contextLength()));
        turn.setOnSucceeded(e -> finish(turn, ChatState.IDLE));
        turn.setOnCancelled(e -> finish(turn, ChatState.STOPPED));
        turn.setOnFailed(e -> finish(turn, ChatState.ERROR));
        pulse.subscribe(flusher);
        executor.execute(task);
        return true;
    }

    /** Stop: reaches the native stream through the session; the turn then ends as cancelled. */
    public void stop() {
        if (canStop.get()) {
            moveTo(ChatState.STOPPING);
            session.cancel();
        }
    }

    /** Close: ends the stream and the session; the pane is done. */
    public void close() {
        if (state.get() == ChatState.CLOSED) {
            return;
        }
        moveTo(ChatState.CLOSED);
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
        changed();
    }

    /** The pane as it can be saved or exported; FX thread. */
    public PaneSnapshot snapshot() {
        return new PaneSnapshot(name, model.get(), settings.options(), turns.stream().map(TurnModel::snapshot).toList());
    }

    /**
     * Shows a saved pane's settings and conversation; the session, if any, continues from it. The
     * model is the caller's to load. False (nothing changed) while a turn runs.
     */
    public boolean restore(PaneSnapshot saved) {
        if (state.get().isBusy() || state.get() == ChatState.CLOSED) {
            return false;
        }
        settings.show(saved.options().withAlternatives(ALTERNATIVES));
        if (session == null) {
            // Until its model loads (or for good, when the file is gone) the pane names the saved one, so a save keeps it.
            model.set(saved.model());
        }
        turns.setAll(saved.turns().stream().map(TurnModel::restored).toList());
        if (session != null) {
            session.replaceTranscript(history());
        }
        changed();
        return true;
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }

    /** The one place the state changes; a closed pane stays closed whatever late event comes. */
    private void moveTo(ChatState next) {
        ChatState now = state.get();
        if (now == next || now == ChatState.CLOSED) {
            return;
        }
        if (!now.canMoveTo(next)) {
            throw new IllegalStateException(name + " cannot go from " + now.label() + " to " + next.label());
        }
        state.set(next);
    }

    /** A stream's news moves a running turn on, but not once Stop was pressed: the turn is ending. */
    private void streamMovesTo(ChatState next) {
        if (state.get().isBusy() && state.get() != ChatState.STOPPING) {
            moveTo(next);
        }
    }

    private void onPhase(StreamPhase phase) {
        streamMovesTo(switch (phase) {
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
        current.addTokens(buffer.drainTokens());
        String text = buffer.drain();
        if (!text.isEmpty()) {
            current.append(text);
            streamMovesTo(ChatState.STREAMING);
        }
        if (figures.refreshDue()) {
            current.setStats(figures.live());
            stats.set(current.statsProperty().get());
        }
    }

    private void finish(TurnTask turn, ChatState end) {
        flush();
        pulse.unsubscribe(flusher);
        current.finish();
        task = null;
        if (state.get() == ChatState.CLOSED) {
            return;
        }
        StreamStats last = turn.stats();
        if (turn.getException() != null) {
            error.set(turn.getException().getMessage());
        }
        if (last == null) {
            current.setStats("");
            stats.set("");
        } else {
            current.setFigures(AnswerFigures.of(last));
            current.setStats(TurnFigures.endedLine(last, end));
            stats.set(TurnFigures.endedStatus(last, end));
        }
        moveTo(end);
        changed();
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

    /** The model the pane runs; null before one is loaded. */
    public ReadOnlyObjectProperty<ModelRef> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Counts changes worth saving: a turn sent or ended, a model attached, a conversation restored or cleared. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
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

    /** Regenerate, edit a prompt, fork: the pane is between turns and has a session. */
    public BooleanBinding canReviseProperty() {
        return canRevise;
    }

    /** The index of a turn in this pane, or -1. */
    public int indexOf(TurnModel turn) {
        return turns.indexOf(turn);
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /** What this pane's streams delivered and showed, read by the checks that nothing was lost. */
    public StreamCounts streamCounts() {
        return buffer.counts();
    }

    /** The tests of this package play the stream's thread through it. */
    DeltaBuffer deltaBuffer() {
        return buffer;
    }

    public boolean hasSession() {
        return session != null;
    }

    /** The options the pane's engine runs with, the context resolved to the tokens its session has; null without a model. */
    public ModelOptions runtimeOptions() {
        return session == null ? null : session.modelOptions().withContextLength(session.contextLength());
    }
}
