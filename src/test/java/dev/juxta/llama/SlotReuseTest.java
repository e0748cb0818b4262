package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import org.junit.jupiter.api.Test;

/** Point 4's prompt cache: a session keeps its slot's cache while other sessions come and go. */
class SlotReuseTest {

    private static StreamStats stream(LlamaSession session, String prompt) {
        RecordingStream recording = new RecordingStream();
        session.stream(prompt, recording);
        assertEquals("complete", recording.last(), () -> "stream failed: " + recording.error);
        return session.lastStats();
    }

    @Test
    void aNewSessionTakesAClosedSessionsSlotNotAnIdleSessionsCache() {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(2))) {
            LlamaSession kept = engine.createSession("kept", greedy(8));
            StreamStats first = stream(kept, "Once upon a time there was a little girl named Lily who loved to play outside.");
            // used after "kept": by least-recently-used alone, the next new session would take kept's slot
            LlamaSession closed = engine.createSession("closed", greedy(8));
            stream(closed, "The big red ball rolled down the hill.");
            closed.close();

            LlamaSession newcomer = engine.createSession("newcomer", greedy(8));
            stream(newcomer, "A cat sat on the mat and looked at the sun.");
            StreamStats second = stream(kept, " She ran to the park.");

            // at least turn 1's prompt; its last token may merge differently with the answer after it
            assertTrue(second.cachedTokens() >= first.promptTokens() - 1,
                    "kept's turn 2 reuses its turn 1 from the cache: cached " + second.cachedTokens()
                            + " of " + second.promptTokens() + ", turn 1 had " + first.promptTokens());
        }
    }
}
