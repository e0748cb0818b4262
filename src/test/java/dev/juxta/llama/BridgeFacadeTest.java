package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Point 10 and the static facade: shutdown ends everything, and loading works again after it. */
class BridgeFacadeTest {

    @AfterEach
    void shutdown() {
        LlamaBridge.shutdown();
    }

    @Test
    void withoutAModelCreateSessionIsNullAndGenerateStreamReportsAnError() {
        assertFalse(LlamaBridge.isModelLoaded());
        assertNull(LlamaBridge.createSession("none"));
        RecordingStream recording = new RecordingStream();
        LlamaBridge.generateStream("Once upon a time", recording);
        assertEquals(List.of("error"), recording.terminals());
    }

    @Test
    void shutdownEndsEveryStreamClosesEverySessionUnloadsAndInitWorksAgain() throws Exception {
        LlamaBridge.initGenerateModel(TestModels.stories().toString(), ModelOptions.defaults().withMaxSessions(3));
        assertTrue(LlamaBridge.isModelLoaded());
        List<LlamaSession> sessions = new ArrayList<>();
        List<RecordingStream> recordings = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LlamaSession session = LlamaBridge.createSession("S" + i, SessionOptions.defaults().withMaxTokens(2000).withTemperature(0));
            RecordingStream recording = new RecordingStream();
            sessions.add(session);
            recordings.add(recording);
            threads.add(Thread.ofPlatform().start(() -> session.stream("Once upon a time", recording)));
        }
        for (RecordingStream recording : recordings) {
            assertTrue(recording.firstDelta.await(10, TimeUnit.SECONDS));
        }
        long pid = sessions.get(0).engine().engineProcessId();

        LlamaBridge.shutdown();

        for (Thread thread : threads) {
            thread.join(2_000);
            assertFalse(thread.isAlive());
        }
        for (RecordingStream recording : recordings) {
            assertEquals(List.of("cancelled"), recording.terminals());
        }
        assertTrue(sessions.stream().allMatch(LlamaSession::isClosed));
        assertNull(LlamaBridge.createSession("after"));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "engine process ended");

        LlamaBridge.initGenerateModel(TestModels.storiesChatml().toString());
        LlamaSession again = LlamaBridge.createSession();
        assertNotNull(again);
        assertEquals("", again.name());
        RecordingStream recording = new RecordingStream();
        again.stream("Hello", recording);
        assertEquals("complete", recording.last());
    }

    @Test
    void generateStreamIsOneTurnWithoutHistoryAndCancelGenerateStopsIt() throws Exception {
        LlamaBridge.initGenerateModel(TestModels.stories().toString());
        RecordingStream first = new RecordingStream();
        LlamaBridge.generateStream("Once upon a time", first);
        RecordingStream second = new RecordingStream();
        LlamaBridge.generateStream("Once upon a time", second);
        assertEquals("complete", first.last());

        RecordingStream cancelled = new RecordingStream();
        Thread streaming = Thread.ofPlatform().start(() -> LlamaBridge.generateStream("Once upon a time", cancelled));
        assertTrue(cancelled.firstDelta.await(10, TimeUnit.SECONDS));
        LlamaBridge.cancelGenerate();
        streaming.join(2_000);
        assertEquals(List.of("cancelled"), cancelled.terminals());
    }

    @Test
    void initGenerateModelReplacesTheLoadedModel() {
        LlamaBridge.initGenerateModel(TestModels.stories().toString());
        LlamaSession old = LlamaBridge.createSession("old");
        LlamaBridge.initGenerateModel(TestModels.storiesChatml().toString());
        assertTrue(old.isClosed());
        assertThrows(IllegalStateException.class, () -> old.stream("x", new RecordingStream()));
        assertEquals("stories260K-chatml", LlamaBridge.createSession("new").engine().model().name());
    }

    @Test
    void twoEnginesRunTwoModelsAtOnce() throws Exception {
        try (LlamaEngine plain = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withMaxSessions(1));
             LlamaEngine chat = LlamaEngine.load(TestModels.storiesChatml(), ModelOptions.defaults().withMaxSessions(1))) {
            assertTrue(plain.engineProcessId() != chat.engineProcessId());
            RecordingStream a = new RecordingStream();
            RecordingStream b = new RecordingStream();
            SessionOptions options = SessionOptions.defaults().withTemperature(0).withMaxTokens(50);
            Thread ta = Thread.ofPlatform().start(() -> plain.createSession("plain", options).stream("Once upon a time", a));
            Thread tb = Thread.ofPlatform().start(() -> chat.createSession("chat", options).stream("Once upon a time", b));
            ta.join(10_000);
            tb.join(10_000);
            assertEquals("complete", a.last());
            assertEquals("complete", b.last());
            assertFalse(a.text().equals(b.text()), "the chat template changes the prompt");
        }
    }
}
