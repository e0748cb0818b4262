package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
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
     * A session's sequence keeps its tokens between turns: turn 2 reads only the tokens its prompt
     * adds, never turn 1's answer again, whether it ended at max tokens (its last token sampled but
     * not yet decoded) or at the end of text.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {true, false})
    void theNextTurnReadsOnlyWhatItAdds(boolean ignoreEndOfText) {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.storiesChatml(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(1))) {
            LlamaSession session = engine.createSession("kept", greedy(64).withIgnoreEndOfText(ignoreEndOfText));
            StreamStats first = stream(session, "Once upon a time there was a little girl named Lily.");
            StreamStats second = stream(session, "She ran to the park.");

            int answerInCache = first.stopReason() == StopReason.MAX_TOKENS ? first.generatedTokens() - 1 : first.generatedTokens();
            assertEquals(first.promptTokens() + answerInCache, second.cachedTokens(),
                    "turn 2 finds turn 1's prompt and answer in the sequence (" + first + ")");
        }
    }

    /** Send to all: several sessions starting the same prompt at once read it once. */
    @Test
    void sessionsStartingTheSamePromptReadItOnce() throws InterruptedException {
        String story = "Once upon a time there was a little girl named Lily who loved to play outside in the park."
                + " One day she found a big red ball under a tree, and she wanted to share it with her friends.";
        try (LlamaEngine engine = LlamaEngine.load(TestModels.storiesChatml(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(3))) {
            List<LlamaSession> sessions = List.of(engine.createSession("a", greedy(8)),
                    engine.createSession("b", greedy(8)), engine.createSession("c", greedy(8)));
            List<Thread> threads = sessions.stream().map(s -> Thread.ofPlatform().start(() -> stream(s, story))).toList();
            for (Thread thread : threads) {
                thread.join();
            }
            int prompt = sessions.getFirst().lastStats().promptTokens();
            int read = sessions.stream().mapToInt(s -> s.lastStats().promptTokens() - s.lastStats().cachedTokens()).sum();
            assertTrue(read <= prompt + 2 * 2, "the prompt of " + prompt + " tokens was read once, and its last token"
                    + " by each session: " + read + " tokens read in all");
        }
    }

    /**
     * More sessions than sequences: a session whose sequence another took gets its cells back
     * (saved while the other used them), so its turn 2 still reads only what it adds.
     */
    @Test
    void aSessionGetsItsCellsBackAfterAnotherUsedItsSequence() {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.storiesChatml(),
                ModelOptions.defaults().withContextLength(512).withMaxSessions(1))) {
            LlamaSession first = engine.createSession("first", greedy(32));
            LlamaSession second = engine.createSession("second", greedy(32));
            StreamStats firstTurn = stream(first, "Once upon a time there was a little girl named Lily.");
            stream(second, "The big red ball rolled down the hill and into the river.");
            StreamStats firstAgain = stream(first, "She ran to the park.");

            int answerInCache = firstTurn.stopReason() == StopReason.MAX_TOKENS
                    ? firstTurn.generatedTokens() - 1 : firstTurn.generatedTokens();
            assertEquals(firstTurn.promptTokens() + answerInCache, firstAgain.cachedTokens(),
                    "first's turn 1 came back from where it was set aside, not read again");
        }
    }
}
