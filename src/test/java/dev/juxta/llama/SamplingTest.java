package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.juxta.testkit.LoadedEngine;
import dev.juxta.testkit.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each session's settings reach llama.cpp's sampler chain. */
class SamplingTest {
    private static final String PROMPT = "Once upon a time";
    @RegisterExtension
    static final LoadedEngine ENGINE = LoadedEngine.stories(1);

    private static String answer(SessionOptions options) {
        try (LlamaSession session = ENGINE.get().createSession("sampling", options)) {
            return RecordingStream.completed(session, PROMPT).text();
        }
    }

    /** A hot, wide sampler with a fixed seed: the same seed repeats it, another seed changes it. */
    private static SessionOptions hot(long seed) {
        return SessionOptions.defaults().withTemperature(5).withTopK(0).withTopP(1).withMinP(0).withSeed(seed)
                .withMaxTokens(48).withIgnoreEndOfText(true);
    }

    @Test
    void aSeedRepeatsASampledAnswer() {
        assertEquals(answer(hot(7)), answer(hot(7)));
        assertNotEquals(answer(hot(7)), answer(hot(8)));
    }

    @Test
    void minPKeepsOnlyTokensNearlyAsLikelyAsTheLikeliest() {
        String greedyAnswer = answer(greedy(48).withIgnoreEndOfText(true));
        assertNotEquals(greedyAnswer, answer(hot(7)), "at temperature 5 with nothing cut, sampling wanders");
        assertEquals(greedyAnswer, answer(hot(7).withMinP(0.9)), "min-p 0.9 leaves only the likeliest token here");
    }

    @Test
    void topKOfOneIsGreedy() {
        assertEquals(answer(greedy(48).withIgnoreEndOfText(true)), answer(hot(7).withTopK(1)));
    }
}
