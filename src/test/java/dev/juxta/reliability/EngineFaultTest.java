package dev.juxta.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.stress.Procs;
import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 5, item 2: the engine process killed (SIGKILL, SIGABRT, SIGSEGV) while it reads a prompt
 * and while it generates. Every stream in flight ends with onError naming what happened, the
 * transcripts stay, the next stream starts a new engine, and no zombie or orphan process remains.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineFaultTest {
    /** Long enough (~700 tokens) that reading it takes a while, short enough to leave room to answer. */
    private static final String LONG_PROMPT = ("Once upon a time there was a little girl named Lily. She liked to play in "
            + "the park with her dog. One day the sun was hot and the dog was tired, so they sat under a big tree. ").repeat(14);

    private LlamaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            long pid = engine.engineProcessId();
            engine.close();
            assertTrue(pid < 0 || Signals.goneWithin(pid, 5_000), "engine " + pid + " still there after close");
            assertEquals(List.of(), Procs.engineDescendants(), "engine processes left after engine.close()");
        }
    }

    private LlamaSession session(String name) {
        // Sampling with a seed keeps answers long; 300 tokens take far longer than a signal to land.
        return engine.createSession(name, SessionOptions.defaults().withTemperature(0.8).withSeed(7).withMaxTokens(300));
    }

    @ParameterizedTest(name = "SIG{0} while {1}")
    @CsvSource({"KILL, READING_PROMPT", "KILL, GENERATING", "ABRT, READING_PROMPT", "ABRT, GENERATING",
            "SEGV, READING_PROMPT", "SEGV, GENERATING"})
    void engineKilledMidStream(String signal, StreamPhase phase) throws Exception {
        // Reading the prompt is killed on the engine's word that it has the prompt (onPrompt): on the
        // 134M model the read then takes over half a second, so the kill lands inside it.
        Path model = phase == StreamPhase.READING_PROMPT ? TestModels.randomLlama134M() : TestModels.stories();
        engine = LlamaEngine.load(model, ModelOptions.defaults().withMaxSessions(2).withThreads(1).withContextLength(2048));
        LlamaSession a = session("a");
        LlamaSession b = session("b");
        RecordingStream first = new RecordingStream();
        a.stream("Once upon a time", first);
        assertEquals("complete", first.last());
        List<ChatTurn> before = a.transcript();
        assertEquals(1, before.size());
        long pid = engine.engineProcessId();

        // b generates in the background; a's stream is the one at the phase under test.
        RecordingStream other = new RecordingStream();
        CompletableFuture<Void> otherRun = CompletableFuture.runAsync(() -> b.stream("The dog was happy", other));
        assertTrue(other.firstDelta.await(20, TimeUnit.SECONDS), "b never generated");
        CountDownLatch killed = new CountDownLatch(1);
        KillingStream stream = new KillingStream(phase, () -> {
            Signals.send(signal, pid);
            killed.countDown();
        });
        a.stream(phase == StreamPhase.READING_PROMPT ? LONG_PROMPT : "Lily went to the park", stream);
        otherRun.get(20, TimeUnit.SECONDS);
        try {
            assertEquals(0, killed.getCount(), "the phase " + phase + " never came");
            for (RecordingStream r : List.of(stream.recording, other)) {
                assertEquals(List.of("error"), r.terminals(), "one onError expected, events " + r.events);
                assertEquals("error", r.last());
                assertTrue(r.error.contains("ended unexpectedly") && r.error.contains("killed by signal"),
                        "the message names what happened: " + r.error);
            }
            String expectedSignal = signal.equals("KILL") ? "SIGKILL" : "SIGABRT"; // the JVM turns SIGSEGV into abort()
            assertTrue(stream.recording.error.contains(expectedSignal), stream.recording.error);
            if (phase == StreamPhase.READING_PROMPT) {
                assertEquals(0, stream.deltasBeforeKill, "killed while reading the prompt, before any token");
            }

            // Transcripts kept: the earlier turn, and the cut-short answer when there was one.
            List<ChatTurn> after = a.transcript();
            assertEquals(before.get(0), after.get(0));
            if (stream.recording.deltas.isEmpty()) {
                assertEquals(1, after.size(), "no answer, no turn");
            } else {
                assertEquals(2, after.size());
                assertEquals(stream.recording.text(), after.get(1).assistant());
            }
            assertEquals(other.text(), b.transcript().get(0).assistant());

            // No zombie: the dead engine is reaped. Next stream: a new engine.
            assertTrue(Signals.goneWithin(pid, 5_000), "engine " + pid + " remains (state " + Procs.state(pid) + ")");
            RecordingStream next = new RecordingStream();
            a.stream("Then", next);
            assertEquals("complete", next.last(), "events " + next.events + " error " + next.error);
            assertTrue(next.events.contains("phase:STARTING_ENGINE"), next.events.toString());
            assertFalse(next.deltas.isEmpty());
            long newPid = engine.engineProcessId();
            assertNotEquals(pid, newPid);
            assertEquals(List.of(newPid), Procs.engineDescendants(), "only the new engine runs");
            assertEquals(after.size() + 1, a.transcript().size());
        } finally {
            Signals.removeCrashLog(pid);
        }
    }

    /**
     * A stream waiting for the engine to restart must end at once on cancel, like every other
     * stream ("cancel() from any thread ends the stream at once").
     */
    @Test
    void cancelWhileTheEngineRestartsEndsTheStreamAtOnce() throws Exception {
        RecordingStream r = streamWhileTheEngineRestarts(LlamaSession::cancel);
        // The new engine takes over half a second to load: had the stream waited for it, it would run now.
        boolean stillLoading = engine.engineProcessId() < 0;
        assertEquals(List.of("cancelled"), r.terminals());
        assertTrue(stillLoading, "the stream ended only once the engine had loaded again");
    }

    /** Closing a session whose stream waits for the engine to restart returns at once too. */
    @Test
    void closeWhileTheEngineRestartsReturnsAtOnce() throws Exception {
        AtomicReference<Boolean> stillLoadingAfterClose = new AtomicReference<>();
        RecordingStream r = streamWhileTheEngineRestarts(session -> {
            session.close();
            stillLoadingAfterClose.set(engine.engineProcessId() < 0);
        });
        assertTrue(Procs.await(10_000, () -> stillLoadingAfterClose.get() != null));
        assertEquals(List.of("cancelled"), r.terminals());
        assertTrue(stillLoadingAfterClose.get(), "close returned only once the engine had loaded again");
    }

    /**
     * Kills the engine, then streams on a session; when the stream reports STARTING_ENGINE,
     * {@code action} runs on another thread with that session. Returns once the stream ended.
     */
    private RecordingStream streamWhileTheEngineRestarts(Consumer<LlamaSession> action) throws Exception {
        engine = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withMaxSessions(2).withThreads(1));
        LlamaSession a = session("a");
        long pid = engine.engineProcessId();
        Signals.send("KILL", pid);
        assertTrue(Signals.goneWithin(pid, 5_000));
        RecordingStream r = new RecordingStream();
        GenStreamAdapter stream = new GenStreamAdapter(r) {
            @Override
            public void onPhase(StreamPhase phase) {
                super.onPhase(phase);
                if (phase == StreamPhase.STARTING_ENGINE) {
                    CompletableFuture.runAsync(() -> action.accept(a));
                }
            }
        };
        a.stream("Once upon a time", stream);
        return r;
    }

    /**
     * Kills the engine (synchronously, on the stream thread) when the engine has the prompt, or at
     * the first delta.
     */
    private static final class KillingStream extends GenStreamAdapter {
        private final StreamPhase phase;
        private final Runnable kill;
        final RecordingStream recording;
        volatile int deltasBeforeKill = -1;

        KillingStream(StreamPhase phase, Runnable kill) {
            this(phase, kill, new RecordingStream());
        }

        private KillingStream(StreamPhase phase, Runnable kill, RecordingStream recording) {
            super(recording);
            this.phase = phase;
            this.kill = kill;
            this.recording = recording;
        }

        @Override
        public void onPrompt(int promptTokens, int contextLength) {
            super.onPrompt(promptTokens, contextLength);
            if (phase == StreamPhase.READING_PROMPT && deltasBeforeKill < 0) {
                deltasBeforeKill = recording.deltas.size();
                kill.run();
            }
        }

        @Override
        public void onDelta(String text) {
            super.onDelta(text);
            if (phase == StreamPhase.GENERATING && deltasBeforeKill < 0) {
                deltasBeforeKill = recording.deltas.size();
                kill.run();
            }
        }
    }
}
