package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.juxta.testkit.TestModels.greedy;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Points 2, 3 and 8: a session is a conversation, isolated from others, trimmed to its context. */
class ConversationTest {
    private static LlamaEngine plain;
    private static LlamaEngine chat;

    @BeforeAll
    static void load() {
        plain = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withContextLength(512).withMaxSessions(3));
        chat = LlamaEngine.load(TestModels.storiesChatml(), ModelOptions.defaults().withContextLength(256).withMaxSessions(2));
    }

    @AfterAll
    static void unload() {
        plain.close();
        chat.close();
    }

    private static String stream(LlamaSession session, String prompt) {
        return RecordingStream.completed(session, prompt).text();
    }

    @Test
    void aModelWithoutTemplateContinuesTheWholeTranscriptAsPlainText() {
        LlamaSession session = plain.createSession("plain", greedy(16));
        String first = stream(session, "Once upon a time");
        String second = stream(session, " The dog");

        LlamaSession oneShot = plain.createSession("one-shot", greedy(16));
        String same = stream(oneShot, "Once upon a time" + first + " The dog");

        assertEquals(same, second, "turn 2 continues turn 1's text");
        assertEquals(List.of(new ChatTurn("Once upon a time", first), new ChatTurn(" The dog", second)), session.transcript());
    }

    @Test
    void theChatTemplateRendersHistoryAndSystemPromptAndResetForgetsIt() {
        LlamaSession session = chat.createSession("chat", greedy(8));
        stream(session, "Hello");
        int firstPrompt = session.lastStats().promptTokens();
        stream(session, "Tell me more");
        StreamStats second = session.lastStats();

        assertTrue(second.promptTokens() > firstPrompt + 8, "turn 2 sees turn 1: " + second);
        assertTrue(second.cachedTokens() >= firstPrompt, "turn 2 reuses the cached prefix: " + second);

        LlamaSession withSystem = chat.createSession("system", greedy(8).withSystemPrompt("You are a pirate who tells stories."));
        stream(withSystem, "Hello");
        assertTrue(withSystem.lastStats().promptTokens() > firstPrompt + 5, "the system prompt is rendered");

        session.reset();
        stream(session, "Hello");
        assertEquals(firstPrompt, session.lastStats().promptTokens(), "reset forgets the history");
        assertEquals(1, session.transcript().size());
    }

    @Test
    void greedySessionsAreIsolatedWhateverOthersDidOrAreDoing() throws Exception {
        LlamaSession reference = plain.createSession("reference", greedy(24));
        String expected1 = stream(reference, "Once upon a time");
        String expected2 = stream(reference, " Tim was");

        // Another session uses the slots first and keeps streaming during the test.
        LlamaSession noisy = plain.createSession("noisy", SessionOptions.defaults().withTemperature(1.5).withMaxTokens(300));
        stream(noisy, "A big red dog");
        RecordingStream background = new RecordingStream();
        Thread noise = Thread.ofPlatform().start(() -> noisy.stream("The sun was", background));

        LlamaSession again = plain.createSession("again", greedy(24));
        assertEquals(expected1, stream(again, "Once upon a time"));
        assertEquals(expected2, stream(again, " Tim was"));

        noisy.cancel();
        noise.join(5_000);
    }

    @Test
    void oldestTurnsAreDroppedWhenTheContextIsFullAndStatsSaySo() {
        try (LlamaEngine small = LlamaEngine.load(TestModels.storiesChatml(), ModelOptions.defaults().withContextLength(256).withMaxSessions(1))) {
            LlamaSession session = small.createSession("small", greedy(10).withSystemPrompt("Be brief."));
            int dropped = 0;
            for (int turn = 0; turn < 6; turn++) {
                stream(session, "Tell me a story about a cat");
                dropped += session.lastStats().turnsDropped();
                assertTrue(session.lastStats().contextUsed() <= 256, session.lastStats().toString());
            }
            assertTrue(dropped > 0, "some turns were dropped");
            assertEquals(6, session.transcript().size(), "the transcript keeps every turn");
        }
    }

    @Test
    void onePromptTooLongForTheContextGivesAClearError() {
        try (LlamaEngine small = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withContextLength(64).withMaxSessions(1))) {
            LlamaSession session = small.createSession("long", greedy(10));
            RecordingStream recording = new RecordingStream();

            session.stream("Once upon a time there was a dog. ".repeat(20), recording);

            assertEquals(List.of("error"), recording.terminals());
            assertTrue(recording.error.contains("too long for the context"), recording.error);
            assertEquals(StopReason.ERROR, session.lastStats().stopReason());
            assertTrue(session.transcript().isEmpty());
            assertNotEquals("", stream(session, "Once upon a time"), "the session still works");
        }
    }
}
