package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
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
            LlamaSession b = engine.createSession("B", options);
            RecordingStream inFlightA = new RecordingStream();
            RecordingStream inFlightB = new RecordingStream();
            Thread ta = Thread.ofPlatform().start(() -> a.stream(" The cat", inFlightA));
            Thread tb = inFlightB.streamInBackground(b, "Once upon a time");
            long pid = engine.engineProcessId();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ta.join(5_000);
            tb.join(5_000);

            assertEquals(List.of("error"), inFlightB.terminals());
            assertTrue(inFlightB.error.contains("ended unexpectedly") && inFlightB.error.contains("SIGKILL"), inFlightB.error);
            assertTrue(a.transcript().containsAll(before), "earlier turns stay");
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
