package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.common.DaemonExecutor;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private static final ExecutorService BACKGROUND = DaemonExecutor.named("test-turn");
    private final ManualPulse pulse = new ManualPulse();

    @AfterAll
    static void shutdown() {
        BACKGROUND.shutdownNow();
    }

    private ChatViewModel paneWith(FakeChatSession session, java.util.concurrent.Executor executor) {
        return Fx.call(() -> {
            ChatViewModel vm = new ChatViewModel("Chat 1", executor, pulse);
            vm.attach(session);
            return vm;
        });
    }

    /** A pane that sent "go" to {@code session}, which has streamed its deltas and holds the stream open. */
    private ChatViewModel streamingPane(FakeChatSession session) throws InterruptedException {
        session.hold = true;
        ChatViewModel vm = paneWith(session, BACKGROUND);
        Fx.run(() -> vm.send("go"));
        assertTrue(session.streaming.await(5, TimeUnit.SECONDS));
        return vm;
    }

    @Test
    void aPaneWithoutModelCannotSend() {
        ChatViewModel vm = Fx.call(() -> new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, pulse));
        Fx.run(() -> vm.promptProperty().set("hello"));
        assertEquals(ChatState.NO_MODEL, vm.state());
        assertFalse(Fx.call(() -> vm.canSendProperty().get()));
    }

    @Test
    void aTurnStreamsTheAnswerAndEndsIdleWithStats() {
        FakeChatSession session = new FakeChatSession("Chat 1", "stories");
        ChatViewModel vm = paneWith(session, Fx.SYNCHRONOUS);
        Fx.runAndSettle(() -> {
            vm.promptProperty().set("  Tell a story  ");
            vm.send();
        });
        assertEquals(List.of("Tell a story"), session.prompts);
        assertEquals(ChatState.IDLE, vm.state());
        assertEquals("", vm.promptProperty().get());
        TurnModel turn = vm.turns().getFirst();
        assertEquals("Once upon a time", turn.answer());
        assertTrue(turn.finishedProperty().get());
        assertEquals(TurnFigures.endedLine(session.lastStats(), ChatState.IDLE), turn.statsProperty().get(),
                "the ended answer shows the bridge's figures (their format: TurnFiguresTest; real ones: ChatAppEndToEndTest)");
        assertEquals(session.lastStats().generatedTokens(), turn.figuresProperty().get().tokens());
        assertEquals(0, pulse.listeners(), "the pane stops listening to frames when the turn ends");
    }

    @Test
    void deltasReachTheAnswerOnlyOnAFrame() throws Exception {
        FakeChatSession session = new FakeChatSession("Chat 1", "stories");
        session.deltas = List.of("a", "b", "c", "d");
        ChatViewModel vm = streamingPane(session);
        assertEquals("", Fx.call(() -> vm.turns().getFirst().answer()), "nothing is shown before a frame");
        Fx.run(pulse::fire);
        assertEquals("abcd", Fx.call(() -> vm.turns().getFirst().answer()));
        assertEquals(ChatState.STREAMING, Fx.call(vm::state));
        String status = Fx.call(() -> vm.statusProperty().get());
        assertTrue(status.startsWith("streaming · 4 tokens · ") && status.endsWith(" · context 14/512"),
                "live status: tokens so far and the context they fill with the prompt: " + status);
        DeltaBuffer buffer = vm.deltaBuffer();
        assertEquals(4, buffer.deltasReceived());
        assertEquals(4, buffer.deltasShown());
        assertEquals(1, buffer.flushes(), "four deltas, one update");
        assertFalse(Fx.call(() -> vm.turns().getFirst().finishedProperty().get()), "still streaming");
        Fx.run(vm::stop);
        Fx.waitFor("stopped", Duration.ofSeconds(5), () -> vm.state() == ChatState.STOPPED);
        assertTrue(Fx.call(() -> vm.turns().getFirst().finishedProperty().get()), "a stopped answer has ended");
    }

    @Test
    void theLiveFirstTokenIsTheStreamsNotTheFramesThatShowedIt() throws Exception {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        FakeChatSession session = new FakeChatSession("Chat 1", "stories");
        session.beforeFirstDelta = () -> now.addAndGet(100_000_000); // the engine's first token takes 100 ms
        session.hold = true;
        ChatViewModel vm = Fx.call(() -> new ChatViewModel("Chat 1", BACKGROUND, pulse, now::get));
        Fx.run(() -> vm.attach(session));
        Fx.run(() -> vm.send("go"));
        assertTrue(session.streaming.await(5, TimeUnit.SECONDS));
        now.addAndGet(300_000_000); // a busy FX thread: the first frame comes 300 ms after the first token
        Fx.run(pulse::fire);
        String status = Fx.call(() -> vm.statusProperty().get());
        assertTrue(status.contains(" · first token 100 ms"),
                "from the call to stream() to the first delta, as the bridge's final figure counts it: " + status);
        Fx.run(vm::stop);
        Fx.waitFor("stopped", Duration.ofSeconds(5), () -> vm.state() == ChatState.STOPPED);
    }

    @Test
    void textFlowsEveryFrameButTheLiveFiguresChangeFourTimesASecond() throws Exception {
        FakeChatSession session = new FakeChatSession("Chat 1", "stories");
        session.deltas = List.of("a", "b", "c", "d");
        ChatViewModel vm = streamingPane(session);
        Fx.run(pulse::fire);
        assertTrue(Fx.call(() -> vm.statusProperty().get()).startsWith("streaming · 4 tokens · "), "the first text brings the figures");

        vm.deltaBuffer().append("e"); // as the stream's thread would
        vm.deltaBuffer().append("f");
        for (int frame = 1; frame < TurnFigures.FRAMES_PER_REFRESH; frame++) {
            Fx.run(pulse::fire);
        }
        assertEquals("abcdef", Fx.call(() -> vm.turns().getFirst().answer()), "text shows on the next frame");
        assertTrue(Fx.call(() -> vm.statusProperty().get()).startsWith("streaming · 4 tokens · "), "figures wait for their frame");
        Fx.run(pulse::fire);
        assertTrue(Fx.call(() -> vm.statusProperty().get()).startsWith("streaming · 6 tokens · "));
        assertTrue(Fx.call(() -> vm.turns().getFirst().statsProperty().get()).startsWith("6 tokens · "), "the line under the answer too");

        Fx.run(vm::stop);
        Fx.waitFor("stopped", Duration.ofSeconds(5), () -> vm.state() == ChatState.STOPPED);
    }

    @Test
    void stopCancelsTheSessionAndOnlyThisPane() throws Exception {
        FakeChatSession one = new FakeChatSession("Chat 1", "m");
        FakeChatSession two = new FakeChatSession("Chat 2", "m");
        one.hold = true;
        two.hold = true;
        ChatViewModel first = paneWith(one, BACKGROUND);
        ChatViewModel second = paneWith(two, BACKGROUND);
        Fx.run(() -> {
            first.send("one");
            second.send("two");
        });
        assertTrue(one.streaming.await(5, TimeUnit.SECONDS));
        assertTrue(two.streaming.await(5, TimeUnit.SECONDS));
        Fx.run(first::stop);
        Fx.waitFor("first stopped", Duration.ofSeconds(5), () -> first.state() == ChatState.STOPPED);
        assertTrue(one.cancelled);
        assertFalse(two.cancelled);
        assertTrue(Fx.call(() -> second.state().isBusy()));
        assertTrue(Fx.call(() -> first.turns().getFirst().statsProperty().get().endsWith("stopped")));
        String status = Fx.call(() -> first.statusProperty().get());
        assertTrue(status.startsWith("stopped · ") && status.indexOf("stopped", 1) < 0,
                "the status line names the state once: " + status);
        Fx.run(second::stop);
        Fx.waitFor("second stopped", Duration.ofSeconds(5), () -> second.state() == ChatState.STOPPED);
    }

    @Test
    void anEngineErrorShowsInThePaneAndTheNextSendWorks() {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        session.error = "the engine process ended unexpectedly (exit code 134)";
        ChatViewModel vm = paneWith(session, Fx.SYNCHRONOUS);
        Fx.runAndSettle(() -> vm.send("first"));
        assertEquals(ChatState.ERROR, vm.state());
        assertEquals("the engine process ended unexpectedly (exit code 134)", vm.errorProperty().get());
        assertEquals("Once upon a time", vm.turns().getFirst().answer(), "the transcript stays");
        assertTrue(vm.turns().getFirst().finishedProperty().get(), "a failed answer has ended");
        session.error = null;
        Fx.runAndSettle(() -> vm.send("second"));
        assertEquals(ChatState.IDLE, vm.state());
        assertEquals("", vm.errorProperty().get());
        assertEquals(2, vm.turns().size());
    }

    @Test
    void closeClosesTheSessionEvenWhileStreaming() throws Exception {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        ChatViewModel vm = streamingPane(session);
        Fx.run(vm::close);
        assertTrue(session.closed);
        assertEquals(ChatState.CLOSED, Fx.call(vm::state));
        Fx.waitFor("the turn ended", Duration.ofSeconds(5), () -> vm.turns().getFirst().finishedProperty().get());
        assertEquals(ChatState.CLOSED, Fx.call(vm::state), "the ending turn does not revive a closed pane");
        assertFalse(Fx.call(() -> vm.canSendProperty().get()));
    }

    @Test
    void settingsAreValidatedAndUsedForTheNextTurn() {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        ChatViewModel vm = paneWith(session, Fx.SYNCHRONOUS);
        Fx.run(() -> vm.settings().temperatureProperty().set("-1"));
        assertFalse(Fx.call(() -> vm.send("x")));
        assertEquals("temperature must be >= 0.0, was -1.0", vm.errorProperty().get());
        assertTrue(vm.turns().isEmpty());
        Fx.run(() -> {
            vm.settings().temperatureProperty().set("0");
            vm.settings().seedProperty().set("abc");
        });
        assertFalse(Fx.call(() -> vm.send("x")));
        assertEquals("seed must be a whole number, was 'abc'", vm.errorProperty().get());
        Fx.runAndSettle(() -> {
            vm.settings().seedProperty().set("42");
            vm.settings().systemPromptProperty().set("Be brief.");
            vm.send("x");
        });
        var used = session.optionsSeen.getLast();
        assertEquals(0.0, used.temperature());
        assertEquals(42, used.seed());
        assertEquals("Be brief.", used.systemPrompt());
    }

    @Test
    void attachingAnotherModelClosesTheOldSessionAndKeepsTheTurns() {
        FakeChatSession old = new FakeChatSession("Chat 1", "old");
        ChatViewModel vm = paneWith(old, Fx.SYNCHRONOUS);
        Fx.runAndSettle(() -> vm.send("hi"));
        FakeChatSession next = new FakeChatSession("Chat 1", "new");
        Fx.run(() -> vm.attach(next));
        assertTrue(old.closed);
        assertEquals("new", vm.modelNameProperty().get());
        assertEquals(1, vm.turns().size());
    }

    @Test
    void clearForgetsTheConversation() {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        ChatViewModel vm = paneWith(session, Fx.SYNCHRONOUS);
        Fx.runAndSettle(() -> vm.send("hi"));
        Fx.run(vm::clear);
        assertEquals(1, session.resets);
        assertTrue(vm.turns().isEmpty());
    }
}
