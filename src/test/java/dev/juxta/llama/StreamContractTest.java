package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.juxta.testkit.TestModels.greedy;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Points 1, 6 and 7 of the bridge issue: callback order, close and stream misuse, delta shape. */
class StreamContractTest {
    private static LlamaEngine engine;

    @BeforeAll
    static void load() {
        engine = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withContextLength(2048).withMaxSessions(2));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    @Test
    void callbacksComeInOrderOnTheCallingThreadWithOneTerminal() {
        LlamaSession session = engine.createSession("order", greedy(20));
        RecordingStream recording = new RecordingStream();

        session.stream("Once upon a time", recording);

        assertEquals(List.of("complete"), recording.terminals());
        assertEquals("complete", recording.last());
        assertFalse(recording.deltas.isEmpty());
        assertTrue(recording.threads.stream().allMatch(t -> t == Thread.currentThread()));
        int firstDelta = recording.events.indexOf("delta");
        List<String> beforeAnswer = recording.events.subList(0, firstDelta);
        StreamStats stats = session.lastStats();
        assertEquals(List.of("prompt:" + stats.promptTokens() + "/" + stats.contextLength()),
                beforeAnswer.stream().filter(e -> e.startsWith("prompt:")).toList(),
                "the prompt's size comes once, before the answer, as the stats give it after");
        assertTrue(beforeAnswer.stream().allMatch(e -> e.startsWith("phase:") || e.startsWith("prompt:")), beforeAnswer.toString());
        assertEquals("phase:GENERATING", recording.events.get(firstDelta - 1));
        assertEquals(StopReason.MAX_TOKENS, stats.stopReason());
        assertEquals(20, stats.generatedTokens());
        assertTrue(stats.promptTokens() > 0);
    }

    @Test
    void aLongAnswerCutAtMaxTokensSaysSoEvenWhenSomeTokensHaveNoText() {
        // Past ~600 tokens stories260K emits tokens whose text is empty; they still count.
        LlamaSession session = engine.createSession("long", SessionOptions.defaults().withSeed(7).withMaxTokens(1000)
                .withTemperature(1.0));
        session.stream("Once upon a time", new RecordingStream());
        assertEquals(StopReason.MAX_TOKENS, session.lastStats().stopReason());
        assertEquals(1000, session.lastStats().generatedTokens());
    }

    @Test
    void greedyAnswerIsTheKnownStoryAndDeltasMakeUpTheTranscript() {
        LlamaSession session = engine.createSession("story", greedy(12).withRepeatPenalty(1.0));
        RecordingStream recording = new RecordingStream();

        session.stream("Once upon a time", recording);

        assertTrue(recording.text().startsWith(", there was a little girl named Lily."), recording.text());
        assertTrue(recording.deltas.stream().noneMatch(String::isEmpty));
        assertTrue(recording.deltas.stream().noneMatch(StreamContractTest::splitsACharacter));
        assertEquals(List.of(new ChatTurn("Once upon a time", recording.text())), session.transcript());
    }

    private static boolean splitsACharacter(String delta) {
        return Character.isLowSurrogate(delta.charAt(0))
                || Character.isHighSurrogate(delta.charAt(delta.length() - 1))
                || delta.indexOf('\uFFFD') >= 0;
    }

    @Test
    void aSecondStreamOnTheSameSessionWhileOneRunsIsRefused() throws Exception {
        LlamaSession session = engine.createSession("busy", greedy(400));
        RecordingStream first = new RecordingStream();
        Thread streaming = first.streamInBackground(session, "Once upon a time");

        assertTrue(session.isStreaming());
        assertThrows(IllegalStateException.class, () -> session.stream("Again", new RecordingStream()));

        session.cancel();
        streaming.join(5_000);
        assertEquals(List.of("cancelled"), first.terminals());
        assertFalse(session.isStreaming());
    }

    @Test
    void closeIsIdempotentAndStreamAfterCloseIsRefused() {
        LlamaSession session = engine.createSession("closing", greedy(4));
        session.close();
        session.close();

        assertTrue(session.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session.stream("Once upon a time", new RecordingStream()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(engine.sessions().contains(session));
    }

    @Test
    void closeDuringAStreamCancelsItAndWaitsForTheTerminalCallback() throws Exception {
        LlamaSession session = engine.createSession("close-while-streaming", greedy(400));
        RecordingStream recording = new RecordingStream();
        Thread streaming = recording.streamInBackground(session, "Once upon a time");

        session.close();

        assertEquals(List.of("cancelled"), recording.terminals(), "terminal callback done before close returned");
        assertEquals("cancelled", recording.last());
        streaming.join(2_000);
        assertFalse(streaming.isAlive());
        assertEquals(recording.text(), session.transcript().get(0).assistant(), "the partial answer is kept");
    }

    @Test
    void closeFromInsideACallbackDoesNotDeadlock() {
        LlamaSession session = engine.createSession("close-from-callback", greedy(100));
        RecordingStream recording = new RecordingStream() {
            @Override
            public void onDelta(String text) {
                super.onDelta(text);
                session.close();
            }
        };

        session.stream("Once upon a time", recording);

        assertEquals(List.of("cancelled"), recording.terminals());
        assertTrue(session.isClosed());
    }

    @Test
    void emptyPromptIsRefusedBeforeAnythingRuns() {
        LlamaSession session = engine.createSession("empty", greedy(4));
        LlamaException e = assertThrows(LlamaException.class, () -> session.stream("", new RecordingStream()));
        assertTrue(e.getMessage().contains("prompt"), e.getMessage());
        assertNull(session.lastStats());
    }
}
