package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.app.engine.SessionSource;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.InMemoryVoteLog;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.app.workspace.WorkspaceViewModel;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blind session against scripted sessions; the executor runs each task when the test says. */
class BlindViewModelTest {
    private static final long SEED = 7;
    @TempDir
    Path home;
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor later = queued::add;
    private final VoteLog log = new InMemoryVoteLog();
    private WorkspaceViewModel workspace;

    @Test
    void sidesComeFromTheRandomTheVoteWaitsForBothAnswersThenRevealsAndTheWinnerGoesOn() {
        BlindViewModel blind = blindOnTwoPanes("0.2", "0.9");
        Fx.run(blind::start);
        assertEquals(BlindPhase.LOADING, Fx.call(blind::phase));
        runQueued(); // one load for both sides: they share the model file
        assertEquals(BlindPhase.ASKING, Fx.call(blind::phase));
        boolean swapped = new SplittableRandom(SEED).nextBoolean();
        String tempA = swapped ? "0.9" : "0.2";
        ChatViewModel a = Fx.call(() -> blind.paneAProperty().get());
        ChatViewModel b = Fx.call(() -> blind.paneBProperty().get());
        assertEquals(Double.parseDouble(tempA), a.settings().options().temperature());
        assertFalse(Fx.call(() -> workspace.panes().contains(a) || workspace.panes().contains(b)), "blind panes are not the workspace's");

        Fx.run(() -> {
            blind.promptProperty().set("Hi");
            blind.send();
        });
        assertEquals(BlindPhase.ANSWERING, Fx.call(blind::phase));
        Fx.run(() -> blind.vote(Vote.Verdict.A));
        runNext(); // A's answer ends, B's has not
        assertEquals(ChatState.IDLE, Fx.call(a::state));
        assertEquals(BlindPhase.ANSWERING, Fx.call(blind::phase));
        Fx.run(() -> blind.vote(Vote.Verdict.A));
        assertEquals(List.of(), log.all(), "no vote before both answers have ended");
        assertEquals("", Fx.call(() -> blind.revealAProperty().get()), "nothing revealed yet");
        runNext();
        assertEquals(BlindPhase.VOTING, Fx.call(blind::phase));

        Fx.run(() -> blind.vote(Vote.Verdict.B));
        runQueued();
        assertEquals(BlindPhase.REVEALED, Fx.call(blind::phase));
        Vote vote = log.all().getFirst();
        assertEquals(Vote.Verdict.B, vote.verdict());
        assertEquals(Double.parseDouble(tempA), Configuration.fromKey(vote.configA()).orElseThrow().temperature());
        assertEquals((swapped ? "Chat 2" : "Chat 1") + ": m F32 · temp " + tempA, Fx.call(() -> blind.revealAProperty().get()));
        assertEquals(1, Fx.call(() -> blind.votesKeptProperty().get()));

        Fx.run(blind::continueWithWinner);
        runQueued();
        assertEquals(3, Fx.call(() -> workspace.panes().size()));
        ChatViewModel winner = Fx.call(() -> workspace.panes().getLast());
        assertEquals(b.settings().options().temperature(), winner.settings().options().temperature());
        assertEquals("Hi", Fx.call(() -> winner.turns().getFirst().prompt()));
        assertEquals(Fx.call(() -> b.turns().getFirst().answer()), Fx.call(() -> winner.turns().getFirst().answer()));
        assertEquals(ChatState.IDLE, Fx.call(winner::state), "the winner's pane has its model");
        assertFalse(Fx.call(() -> blind.canContinueProperty().get()), "once");

        Fx.run(blind::nextRound);
        assertEquals(ChatState.CLOSED, Fx.call(a::state), "the last round's panes close");
        runQueued();
        assertEquals(BlindPhase.ASKING, Fx.call(blind::phase));
        assertEquals("", Fx.call(() -> blind.revealAProperty().get()));
    }

    @Test
    void twoPanesWithTheSameConfigurationAreRefused() {
        BlindViewModel blind = blindOnTwoPanes("0.5", "0.5");
        Fx.run(blind::start);
        assertEquals(BlindPhase.CHOOSING, Fx.call(blind::phase));
        assertEquals("Chat 1 and Chat 2 have the same model and settings: change one of them, so there is something to compare.",
                Fx.call(() -> blind.errorProperty().get()));
    }

    @Test
    void aPaneWithoutAModelOrWithABadSettingIsNamed() {
        workspace = Fx.call(() -> new WorkspaceViewModel(fakeSessions(), later, new ManualPulse(), settings()));
        BlindViewModel blind = Fx.call(() -> new BlindViewModel(workspace, later, new ManualPulse(), log, new SplittableRandom(SEED)));
        Fx.run(blind::start);
        assertEquals("Chat 1 has no model yet: choose one before a blind comparison.", Fx.call(() -> blind.errorProperty().get()));
        Fx.run(() -> workspace.loadModelForAll(Path.of("m.gguf"), ModelOptions.defaults()));
        runQueued();
        Fx.run(() -> workspace.panes().get(1).settings().temperatureProperty().set("warm"));
        Fx.run(blind::start);
        assertEquals("Chat 2: temperature must be a number, was 'warm'", Fx.call(() -> blind.errorProperty().get()));
    }

    private BlindViewModel blindOnTwoPanes(String temperature1, String temperature2) {
        workspace = Fx.call(() -> new WorkspaceViewModel(fakeSessions(), later, new ManualPulse(), settings()));
        Fx.run(() -> workspace.loadModelForAll(Path.of("m.gguf"), ModelOptions.defaults()));
        runQueued();
        Fx.run(() -> {
            workspace.panes().get(0).settings().temperatureProperty().set(temperature1);
            workspace.panes().get(1).settings().temperatureProperty().set(temperature2);
        });
        return Fx.call(() -> new BlindViewModel(workspace, later, new ManualPulse(), log, new SplittableRandom(SEED)));
    }

    private AppSettings settings() {
        return AppSettings.load(new AppDirs(home.resolve("data"), home.resolve("config"), List.of()));
    }

    private static SessionSource fakeSessions() {
        return new SessionSource() {
            @Override
            public ChatSession open(Path modelFile, ModelOptions modelOptions, String name, SessionOptions options,
                                    DoubleConsumer loadProgress) {
                FakeChatSession session = new FakeChatSession(name, "m");
                session.deltas = List.of("Answer", " of ", name);
                return session;
            }

            @Override
            public void close() {
            }
        };
    }

    private void runNext() {
        Fx.runAndSettle(() -> queued.removeFirst().run());
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            runNext();
        }
    }
}
