package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine process dies (here: SIGKILL) while streaming: streams fail clearly, nothing else is lost. */
class EngineDeathTest {

    @Test
    void streamsInFlightGetAnErrorTranscriptsStayAndTheNextStreamRestartsTheEngine() throws Exception {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withMaxSessions(2))) {
            SessionOptions options = SessionOptions.defaults().withTemperature(0).withMaxTokens(2000);
            LlamaSession a = engine.createSession("A", options.withMaxTokens(8));
            a.stream("Once upon a time", new RecordingStream());
            List<ChatTurn> before = a.transcript();
            a.setOptions(options.withIgnoreEndOfText(true));
            LlamaSession b = engine.createSession("B", options.withIgnoreEndOfText(true));
            RecordingStream inFlightA = new RecordingStream();
            RecordingStream inFlightB = new RecordingStream();
            Thread ta = Thread.ofPlatform().start(() -> a.stream(" The cat", inFlightA));
            Thread tb = inFlightB.streamInBackground(b, "Once upon a time");
            // Both must be streaming when the engine dies, or the test shows nothing about A.
            assertTrue(inFlightA.firstDelta.await(10, TimeUnit.SECONDS) && inFlightB.firstDelta.await(10, TimeUnit.SECONDS));
            long pid = engine.engineProcessId();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ta.join(5_000);
            tb.join(5_000);

            for (RecordingStream inFlight : List.of(inFlightA, inFlightB)) {
                assertEquals(List.of("error"), inFlight.terminals());
                assertTrue(inFlight.error.contains("ended unexpectedly") && inFlight.error.contains("SIGKILL"), inFlight.error);
            }
            assertTrue(a.transcript().containsAll(before), "earlier turns stay");
            assertEquals(inFlightA.text(), a.transcript().getLast().assistant(), "A's partial answer stays");
            assertEquals(inFlightB.text(), b.transcript().get(0).assistant(), "the partial answer stays");

            RecordingStream next = new RecordingStream();
            a.stream(" The dog", next);
            assertTrue(next.events.contains("phase:STARTING_ENGINE"));
            assertEquals("complete", next.last());
            assertNotEquals(pid, engine.engineProcessId());
            assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(), "no zombie");
        }
    }
}
