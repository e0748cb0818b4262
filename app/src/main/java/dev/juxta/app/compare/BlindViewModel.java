package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.common.FramePulse;
import dev.juxta.app.workspace.WorkspaceViewModel;
import dev.juxta.llama.SessionOptions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * A blind A/B session between two of the workspace's panes' configurations. Each round runs two
 * fresh panes, outside the workspace, on the two configurations in a random order; the user sees
 * them as A and B only, sends them one prompt, votes once both answers have ended, and then learns
 * which configuration was which. FX thread only.
 */
public final class BlindViewModel {
    /** The settings a new pane starts with: labels name only the settings that differ from these. */
    public static final Configuration USUAL = configurationOf(null, SessionOptions.defaults());

    private final WorkspaceViewModel workspace;
    private final Executor executor;
    private final FramePulse pulse;
    private final VoteLog votes;
    private final RandomGenerator sides;
    private final ObjectProperty<ChatViewModel> first = new SimpleObjectProperty<>(this, "first");
    private final ObjectProperty<ChatViewModel> second = new SimpleObjectProperty<>(this, "second");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final ReadOnlyObjectWrapper<BlindPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", BlindPhase.CHOOSING);
    private final ReadOnlyObjectWrapper<ChatViewModel> paneA = new ReadOnlyObjectWrapper<>(this, "paneA");
    private final ReadOnlyObjectWrapper<ChatViewModel> paneB = new ReadOnlyObjectWrapper<>(this, "paneB");
    private final ReadOnlyObjectWrapper<Vote.Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict");
    private final ReadOnlyStringWrapper revealA = new ReadOnlyStringWrapper(this, "revealA", "");
    private final ReadOnlyStringWrapper revealB = new ReadOnlyStringWrapper(this, "revealB", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper canContinue = new ReadOnlyBooleanWrapper(this, "canContinue");
    private final ReadOnlyIntegerWrapper votesKept = new ReadOnlyIntegerWrapper(this, "votesKept");
    private final BooleanBinding canStart;
    private final BooleanBinding canSend;
    private List<Contender> contenders;
    private Contender contenderA;
    private Contender contenderB;
    private boolean sent;

    /** One side of the comparison: where it came from, what it is, and the settings to run it with. */
    private record Contender(String paneName, Configuration configuration, ModelRef model, SessionOptions options) {
    }

    /** {@code sides}: draws which configuration is A each round (tests give a seeded one). */
    public BlindViewModel(WorkspaceViewModel workspace, Executor executor, FramePulse pulse, VoteLog votes,
                          RandomGenerator sides) {
        this.workspace = workspace;
        this.executor = executor;
        this.pulse = pulse;
        this.votes = votes;
        this.sides = sides;
        ObservableList<ChatViewModel> panes = workspace.panes();
        first.set(panes.isEmpty() ? null : panes.get(0));
        second.set(panes.size() < 2 ? null : panes.get(1));
        canStart = Bindings.createBooleanBinding(() -> phase.get() == BlindPhase.CHOOSING
                && first.get() != null && second.get() != null && first.get() != second.get(), phase, first, second);
        canSend = Bindings.createBooleanBinding(() -> phase.get() == BlindPhase.ASKING && !prompt.get().isBlank(), phase, prompt);
    }

    static Configuration configurationOf(ModelRef model, SessionOptions options) {
        return new Configuration(model == null ? "" : model.fileName(), model == null ? "" : model.name(),
                model == null ? "" : model.quantization(), options.systemPrompt(), options.temperature(),
                options.topP(), options.topK(), options.minP(), options.repeatPenalty(), options.maxTokens());
    }

    /** With two panes there is nothing to choose: the window starts at once. */
    public boolean choiceNeeded() {
        return workspace.panes().size() > 2;
    }

    /** Starts the first round with the chosen panes' model and settings as they are now. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        Contender one = contenderOf(first.get());
        Contender other = one == null ? null : contenderOf(second.get());
        if (other == null) {
            return;
        }
        if (one.configuration().equals(other.configuration())) {
            error.set(one.paneName() + " and " + other.paneName()
                    + " have the same model and settings: change one of them, so there is something to compare.");
            return;
        }
        contenders = List.of(one, other);
        newRound();
    }

    /** The pane's configuration, or null with the reason in {@link #errorProperty()}. */
    private Contender contenderOf(ChatViewModel pane) {
        if (pane.modelProperty().get() == null) {
            error.set(pane.name() + " has no model yet: choose one before a blind comparison.");
            return null;
        }
        if (!pane.settings().apply()) {
            error.set(pane.name() + ": " + pane.settings().errorProperty().get());
            return null;
        }
        SessionOptions options = pane.settings().options();
        return new Contender(pane.name(), configurationOf(pane.modelProperty().get(), options), pane.modelProperty().get(), options);
    }

    /** A new prompt with the sides drawn again; the last round's panes close. */
    public void nextRound() {
        if (phase.get() == BlindPhase.REVEALED) {
            newRound();
        }
    }

    private void newRound() {
        closePanes();
        boolean swap = sides.nextBoolean();
        contenderA = contenders.get(swap ? 1 : 0);
        contenderB = contenders.get(swap ? 0 : 1);
        sent = false;
        verdict.set(null);
        revealA.set("");
        revealB.set("");
        error.set("");
        prompt.set("");
        canContinue.set(false);
        phase.set(BlindPhase.LOADING);
        paneA.set(blindPane("A", contenderA));
        paneB.set(blindPane("B", contenderB));
        load(List.of(paneA.get(), paneB.get()), List.of(contenderA, contenderB));
    }

    private ChatViewModel blindPane(String side, Contender contender) {
        ChatViewModel pane = new ChatViewModel(side, executor, pulse);
        pane.settings().show(contender.options());
        pane.stateProperty().addListener((obs, old, now) -> updatePhase());
        return pane;
    }

    /** Both sides on one model file share one load (and one engine). */
    private void load(List<ChatViewModel> panes, List<Contender> of) {
        if (of.get(0).model().file().equals(of.get(1).model().file())) {
            watch(workspace.loadModel(of.get(0).model().file(), workspace.currentModelOptions(), panes));
        } else {
            for (int i = 0; i < panes.size(); i++) {
                watch(workspace.loadModel(of.get(i).model().file(), workspace.currentModelOptions(), List.of(panes.get(i))));
            }
        }
    }

    private void watch(Task<?> load) {
        load.setOnFailed(e -> error.set(load.getException().getMessage()));
    }

    private void updatePhase() {
        if (paneA.get() == null || paneB.get() == null
                || phase.get() == BlindPhase.CHOOSING || phase.get() == BlindPhase.REVEALED || phase.get() == BlindPhase.CLOSED) {
            return;
        }
        boolean busy = paneA.get().state().isBusy() || paneB.get().state().isBusy();
        if (sent) {
            phase.set(busy ? BlindPhase.ANSWERING : BlindPhase.VOTING);
        } else {
            boolean ready = paneA.get().state().acceptsPrompt() && paneB.get().state().acceptsPrompt();
            phase.set(ready ? BlindPhase.ASKING : BlindPhase.LOADING);
        }
    }

    /** Both sides get the prompt. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        sent = true;
        String text = prompt.get();
        paneA.get().send(text);
        paneB.get().send(text);
        prompt.set("");
        updatePhase();
    }

    public void stop() {
        paneA.get().stop();
        paneB.get().stop();
    }

    /** Keeps the vote and reveals which configuration was A and which B. */
    public void vote(Vote.Verdict chosen) {
        if (phase.get() != BlindPhase.VOTING) {
            return;
        }
        keep(new Vote(contenderA.configuration().key(), contenderB.configuration().key(), chosen, Instant.now()));
        verdict.set(chosen);
        revealA.set(contenderA.paneName() + ": " + contenderA.configuration().label(USUAL));
        revealB.set(contenderB.paneName() + ": " + contenderB.configuration().label(USUAL));
        canContinue.set(chosen == Vote.Verdict.A || chosen == Vote.Verdict.B);
        phase.set(BlindPhase.REVEALED);
    }

    /** The log may be a database: it is written off the FX thread, and a failure is shown, not lost. */
    private void keep(Vote vote) {
        Task<Void> save = new Task<>() {
            @Override
            protected Void call() {
                votes.add(vote);
                return null;
            }
        };
        save.setOnSucceeded(e -> votesKept.set(votesKept.get() + 1));
        save.setOnFailed(e -> error.set("The vote could not be kept: " + save.getException().getMessage()));
        executor.execute(save);
    }

    /** A new workspace pane with the winner's settings and conversation, to go on with it. */
    public void continueWithWinner() {
        if (!canContinue.get()) {
            return;
        }
        ChatViewModel winner = verdict.get() == Vote.Verdict.A ? paneA.get() : paneB.get();
        workspace.openPane(winner.snapshot());
        canContinue.set(false);
    }

    /** The window closed: the blind panes' sessions end. */
    public void close() {
        phase.set(BlindPhase.CLOSED);
        closePanes();
    }

    private void closePanes() {
        if (paneA.get() != null) {
            paneA.get().close();
            paneB.get().close();
        }
    }

    /** The workspace's panes, to choose the two configurations from. */
    public ObservableList<ChatViewModel> choices() {
        return workspace.panes();
    }

    public ObjectProperty<ChatViewModel> firstProperty() {
        return first;
    }

    public ObjectProperty<ChatViewModel> secondProperty() {
        return second;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ReadOnlyObjectProperty<BlindPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public BlindPhase phase() {
        return phase.get();
    }

    /** The pane shown as A this round; null before the first. */
    public ReadOnlyObjectProperty<ChatViewModel> paneAProperty() {
        return paneA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChatViewModel> paneBProperty() {
        return paneB.getReadOnlyProperty();
    }

    /** This round's vote; null until the user votes. */
    public ReadOnlyObjectProperty<Vote.Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** After the vote: which pane's configuration A was, e.g. "Chat 2: stories260K-chatml Q8_0 · temp 0.2". */
    public ReadOnlyStringProperty revealAProperty() {
        return revealA.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty revealBProperty() {
        return revealB.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public ReadOnlyBooleanProperty canContinueProperty() {
        return canContinue.getReadOnlyProperty();
    }

    /** Counts the votes this session kept in the log, so a leaderboard can follow. */
    public ReadOnlyIntegerProperty votesKeptProperty() {
        return votesKept.getReadOnlyProperty();
    }
}
