package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Point 4's prompt cache: a session keeps its slot's cache while other sessions come and go. */
class SlotReuseTest {

    private static StreamStats stream(LlamaSession session, String prompt) {
        RecordingStream.completed(session, prompt);
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

    /**
     * A new session that opens like a closed one (same first message: a pane closed and opened again
     * to ask the same thing) takes that session's slot, and llama.cpp reuses the common prefix.
     */
    @Test
    void aNewSessionTakesTheClosedSlotWhoseConversationOpenedLikeIts() {
        String story = "Once upon a time there was a little girl named Lily who loved to play outside in the park.";
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(2))) {
            LlamaSession first = engine.createSession("first", greedy(8));
            stream(first, "The big red ball rolled down the hill and into the river.");
            LlamaSession second = engine.createSession("second", greedy(8));
            StreamStats asked = stream(second, story);
            first.close();
            second.close();

            // Both closed slots are free and equally old; by age alone this would take the first's.
            LlamaSession again = engine.createSession("again", greedy(8));
            StreamStats reasked = stream(again, story);

            assertTrue(reasked.cachedTokens() >= asked.promptTokens() - 1,
                    "the prompt came from the cache: cached " + reasked.cachedTokens() + " of " + reasked.promptTokens());
        }
    }

    /**
     * The slot holds an answer as sampled, which re-rendered usually tokenizes differently, so the
     * next turn would re-read all of it. The engine primes the slot with the re-rendered
     * transcript shortly after the answer ends. Without that, turn 2 re-read 73 (plain) and 119 (template)
     * tokens here; with it, 34 on the template, which is the new message with its markup.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat template", "plain text"})
    void theNextTurnFindsTheLastAnswerInTheCache(String kind) throws InterruptedException {
        Path model = kind.equals("chat template") ? TestModels.storiesChatml() : TestModels.stories();
        try (LlamaEngine engine = LlamaEngine.load(model,
                ModelOptions.defaults().withContextLength(512).withMaxSessions(1))) {
            LlamaSession session = engine.createSession("primed", greedy(64).withIgnoreEndOfText(true));
            StreamStats first = stream(session, "Once upon a time there was a little girl named Lily.");
            Thread.sleep(1000); // a user reading the answer: the engine primes the slot meanwhile
            StreamStats second = stream(session, " She ran to the park.");

            int reRead = second.promptTokens() - second.cachedTokens();
            assertEquals(64, first.generatedTokens());
            assertTrue(reRead < first.generatedTokens(), "turn 2 re-reads its own message, not turn 1's answer: re-read "
                    + reRead + " of " + second.promptTokens() + " tokens");
        }
    }

    /**
     * A closed or reset session's slot is not primed: no next turn will continue that transcript,
     * and priming it would only take CPU from the other sessions. On a model without a template the
     * next session (or the reset one) can send the old transcript whole as its first message: a
     * primed slot would hold that transcript, the unprimed one only the first prompt (the answer as
     * sampled tokenizes differently).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"closed", "reset"})
    void aSlotWhoseTranscriptEndedIsNotPrimed(String ending) throws InterruptedException {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(1))) {
            String message = "Once upon a time there was a little girl named Lily.";
            LlamaSession first = engine.createSession("first", greedy(32).withIgnoreEndOfText(true));
            RecordingStream answer = RecordingStream.completed(first, message);
            int firstPrompt = first.lastStats().promptTokens();
            LlamaSession next = first;
            if (ending.equals("closed")) {
                first.close();
                next = engine.createSession("next", greedy(4));
            } else {
                first.reset();
            }
            Thread.sleep(1000); // longer than the engine waits before priming
            StreamStats same = stream(next, message + answer.text() + " The end.");

            assertTrue(same.cachedTokens() <= firstPrompt, "the slot still holds the first " + firstPrompt
                    + "-token prompt, not the " + ending + " session's transcript: cached " + same.cachedTokens());
        }
    }
}
