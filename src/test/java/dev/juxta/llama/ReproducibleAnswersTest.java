package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same seed, same answer, whatever else runs: a difference between panes must come from their
 * settings. Each session's greedy answer while three others stream is exactly its answer alone,
 * down to the bits of every token's probability and its alternatives'. On the quantized model that
 * holds at batched speed; stories260K has float weights, whose kernels compute a lone row
 * differently from several, so its engine pads lone rows ({@link ModelOptions#reproducible()}).
 */
class ReproducibleAnswersTest {
    private static final List<String> PROMPTS = List.of("Once upon a time", "The little dog", "Lily and Ben went to",
            "One day, a big red ball");
    private static final int RUNS = 20;

    private static String firstDifference(List<TokenChoice> expected, List<TokenChoice> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "token " + i + " differs: " + expected.get(i) + " alone, " + actual.get(i) + " beside others";
            }
        }
        return expected.size() + " tokens alone, " + actual.size() + " beside others";
    }

    private static final class ChoicesStream extends RecordingStream {
        final List<TokenChoice> tokens = new CopyOnWriteArrayList<>();

        @Override
        public void onTokens(List<TokenChoice> choices) {
            tokens.addAll(choices);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stories260K", "llama-134M"})
    void fourConcurrentAnswersEqualTheirSoloAnswers(String model) throws InterruptedException {
        Path file = model.equals("stories260K") ? TestModels.stories() : TestModels.randomLlama134M();
        int tokens = model.equals("stories260K") ? 120 : 24;
        SessionOptions options = greedy(tokens).withIgnoreEndOfText(true).withAlternatives(3);
        ModelOptions modelOptions = ModelOptions.defaults().withContextLength(512).withMaxSessions(4)
                .withReproducible(model.equals("stories260K"));
        try (LlamaEngine engine = LlamaEngine.load(file, modelOptions)) {
            List<List<TokenChoice>> solo = new ArrayList<>();
            for (String prompt : PROMPTS) {
                try (LlamaSession session = engine.createSession("solo", options)) {
                    ChoicesStream stream = new ChoicesStream();
                    session.stream(prompt, stream);
                    solo.add(stream.tokens);
                }
            }
            for (int run = 1; run <= RUNS; run++) {
                List<LlamaSession> sessions = new ArrayList<>();
                List<ChoicesStream> streams = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (String prompt : PROMPTS) {
                    LlamaSession session = engine.createSession("run " + run, options);
                    ChoicesStream stream = new ChoicesStream();
                    sessions.add(session);
                    streams.add(stream);
                    threads.add(Thread.ofPlatform().start(() -> session.stream(prompt, stream)));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                for (int i = 0; i < PROMPTS.size(); i++) {
                    assertEquals(solo.get(i), streams.get(i).tokens, "run " + run + ", prompt '" + PROMPTS.get(i) + "': "
                            + firstDifference(solo.get(i), streams.get(i).tokens));
                    sessions.get(i).close();
                }
            }
        }
    }
}
