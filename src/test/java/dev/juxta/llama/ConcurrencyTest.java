package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.juxta.testkit.TestModels.greedy;

import dev.juxta.testkit.LoadedEngine;
import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Points 4 and 5: sessions stream at once on the engine's slots; cancel ends one stream only. */
class ConcurrencyTest {
    @RegisterExtension
    static final LoadedEngine ENGINE = LoadedEngine.stories(2);

    /** A stream that counts deltas and can hold the first few until released. */
    private static final class GatedStream extends RecordingStream {
        final CountDownLatch gate;

        GatedStream(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void onDelta(String text) {
            super.onDelta(text);
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void twoSessionsStreamAtTheSameTimeFromTwoThreads() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(1);
        GatedStream a = new GatedStream(bothStarted);
        GatedStream b = new GatedStream(bothStarted);
        LlamaSession sa = ENGINE.get().createSession("A", greedy(30));
        LlamaSession sb = ENGINE.get().createSession("B", greedy(30));

        Thread ta = Thread.ofPlatform().start(() -> sa.stream("Once upon a time", a));
        Thread tb = Thread.ofPlatform().start(() -> sb.stream("The dog ran", b));
        // Each stream is held at its first delta: both can only get there if both run at once.
        assertTrue(a.firstDelta.await(10, TimeUnit.SECONDS));
        assertTrue(b.firstDelta.await(10, TimeUnit.SECONDS));
        bothStarted.countDown();
        ta.join(10_000);
        tb.join(10_000);

        assertEquals("complete", a.last());
        assertEquals("complete", b.last());
        assertEquals(30, sa.lastStats().generatedTokens());
        assertEquals(30, sb.lastStats().generatedTokens());
    }

    @Test
    void moreSessionsThanSlotsWaitForASlotAndContinueFromTheirTranscripts() throws Exception {
        List<LlamaSession> sessions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LlamaSession session = ENGINE.get().createSession("S" + i, greedy(40));
            RecordingStream first = new RecordingStream();
            session.stream("Once upon a time", first);
            sessions.add(session);
        }
        LlamaSession solo = ENGINE.get().createSession("solo", greedy(40));
        solo.stream("Once upon a time", new RecordingStream());
        RecordingStream soloSecond = new RecordingStream();
        solo.stream(" Lily saw", soloSecond);

        List<RecordingStream> recordings = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (LlamaSession session : sessions) {
            RecordingStream recording = new RecordingStream();
            recordings.add(recording);
            threads.add(Thread.ofPlatform().start(() -> session.stream(" Lily saw", recording)));
        }
        for (Thread thread : threads) {
            thread.join(20_000);
        }

        assertTrue(recordings.stream().anyMatch(r -> r.events.contains("phase:WAITING_FOR_SLOT")), "2 slots, 4 sessions");
        for (RecordingStream recording : recordings) {
            assertEquals("complete", recording.last());
            assertEquals(soloSecond.text(), recording.text(), "each continues its own transcript");
        }
    }

    @Test
    void cancelEndsOnlyThisSessionsStreamWithin20msAndTheSessionStreamsAgain() throws Exception {
        LlamaSession stopped = ENGINE.get().createSession("stopped", greedy(500));
        LlamaSession other = ENGINE.get().createSession("other", greedy(200));
        RecordingStream stoppedRecording = new RecordingStream();
        RecordingStream otherRecording = new RecordingStream();
        Thread to = Thread.ofPlatform().start(() -> other.stream("Once upon a time", otherRecording));

        assertCancelledWithin20ms(stopped, "Once upon a time", stoppedRecording, r -> r.firstDelta.getCount() == 0);
        to.join(10_000);
        assertEquals("complete", otherRecording.last(), "the other session was not affected");
        assertEquals(200, other.lastStats().generatedTokens());

        stopped.cancel();
        RecordingStream again = new RecordingStream();
        stopped.stream(" Then", again);
        assertEquals("complete", again.last(), "cancel when idle does nothing; the session streams again");
    }

    /**
     * Also while the engine reads a long prompt (about 1,000 tokens on the 134M model, over half a
     * second of decoding): stream() returns at once, and the session's next stream is not held up
     * by the abandoned read, which the engine aborted.
     */
    @Test
    void cancelDuringALongPromptReadReturnsWithin20ms() throws Exception {
        try (LlamaEngine big = LlamaEngine.load(TestModels.randomLlama134M(),
                ModelOptions.defaults().withContextLength(1024).withMaxSessions(1))) {
            LlamaSession session = big.createSession("reader", greedy(4));
            assertCancelledWithin20ms(session, "Apple. ".repeat(200), new RecordingStream(),
                    r -> r.events.contains("phase:READING_PROMPT"));
            RecordingStream next = RecordingStream.completed(session, "Apple.");
            assertEquals("complete", next.last());
        }
    }

    /**
     * Streams {@code prompt} on its own thread, cancels once {@code started} holds, and checks that
     * stream() returned within 20 ms with one cancelled callback. A stream() that never returns fails.
     */
    private static void assertCancelledWithin20ms(LlamaSession session, String prompt, RecordingStream recording,
                                                  Predicate<RecordingStream> started) throws InterruptedException {
        long[] returnedAt = new long[1];
        Thread stream = Thread.ofPlatform().start(() -> {
            session.stream(prompt, recording);
            returnedAt[0] = System.nanoTime();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!started.test(recording) && stream.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(started.test(recording), "the stream never got to the point of the cancel: " + recording.events);
        long cancelAt = System.nanoTime();
        session.cancel();
        stream.join(5_000);

        assertFalse(stream.isAlive(), "stream() did not return after cancel");
        long millis = (returnedAt[0] - cancelAt) / 1_000_000;
        assertTrue(millis < 20, "stream returned " + millis + " ms after cancel");
        assertEquals(List.of("cancelled"), recording.terminals());
    }
}
