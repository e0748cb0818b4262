package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.LoadedEngine;
import dev.juxta.testkit.RecordingStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-token probabilities and alternatives, for comparing answers: computed only when asked for. */
class TokenChoicesTest {
    @RegisterExtension
    static final LoadedEngine ENGINE = LoadedEngine.stories(1);

    private static final class ChoicesStream extends RecordingStream {
        final List<TokenChoice> tokens = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        @Override
        public void onTokens(List<TokenChoice> choices) {
            tokens.addAll(choices);
            order.add("tokens");
        }

        @Override
        public void onDelta(String text) {
            super.onDelta(text);
            order.add("delta");
        }
    }

    @Test
    void eachTokenComesWithItsProbabilityAndTheLikeliestAlternatives() {
        try (LlamaSession session = ENGINE.get().createSession("choices", greedy(24).withIgnoreEndOfText(true).withAlternatives(5))) {
            ChoicesStream stream = new ChoicesStream();
            session.stream("Once upon a time", stream);

            assertEquals("complete", stream.last());
            assertEquals(24, stream.tokens.size(), "one choice per generated token");
            assertEquals(stream.text(), String.join("", stream.tokens.stream().map(TokenChoice::text).toList()));
            assertEquals("tokens", stream.order.getFirst(), "a delta's tokens come before it");
            for (TokenChoice token : stream.tokens) {
                List<TokenChoice.Alternative> alternatives = token.alternatives();
                assertEquals(5, alternatives.size());
                // greedy: the chosen token is the likeliest
                assertEquals(alternatives.getFirst().text(), token.text());
                assertEquals(alternatives.getFirst().probability(), token.probability());
                double sum = 0;
                for (int i = 0; i < alternatives.size(); i++) {
                    float p = alternatives.get(i).probability();
                    assertTrue(p > 0 && p <= 1, "a probability: " + p);
                    assertTrue(i == 0 || p <= alternatives.get(i - 1).probability(), "likeliest first: " + alternatives);
                    sum += p;
                }
                assertTrue(sum <= 1.0001, "part of one distribution: " + sum);
            }
        }
    }

    @Test
    void withoutTheOptionNoTokensCome() {
        try (LlamaSession session = ENGINE.get().createSession("plain", greedy(8))) {
            ChoicesStream stream = new ChoicesStream();
            session.stream("Once upon a time", stream);

            assertEquals("complete", stream.last());
            assertTrue(stream.tokens.isEmpty());
        }
    }
}
