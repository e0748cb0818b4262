package dev.juxta.bench;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.TokenChoice;
import dev.juxta.testkit.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the app's per-token probabilities and alternatives cost: one stream's tokens per second with
 * the app's {@code ALTERNATIVES} (5) against none, on the same engine in the same run, rounds
 * alternating so that the machine's drift falls on both sides.
 * Usage: AlternativesCost [--tokens 128] [--rounds 7] [--threads 2] [MODEL.gguf ...]
 * (default: stories260K and the bench's random llama 134M Q4_0).
 */
public final class AlternativesCost {
    private static final int ALTERNATIVES = 5;

    private AlternativesCost() {
    }

    public static void main(String[] args) {
        int tokens = 128;
        int rounds = 7;
        int threads = 2;
        List<Path> models = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> models.add(Path.of(args[i]));
            }
        }
        if (models.isEmpty()) {
            models.add(Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models", "stories260K.gguf"));
            models.add(TestModels.randomLlama134M());
        }
        for (Path model : models) {
            measure(model, tokens, rounds, threads);
        }
    }

    private static void measure(Path model, int tokens, int rounds, int threads) {
        ModelOptions options = ModelOptions.defaults().withMaxSessions(1).withThreads(threads);
        try (LlamaEngine engine = LlamaEngine.load(model, options)) {
            SessionOptions plain = JuxtaDriver.sessionOptions(0, 7).withMaxTokens(tokens);
            SessionOptions withAlternatives = plain.withAlternatives(ALTERNATIVES);
            rate(engine, plain); // warm-up: the JIT and the pages of the weights
            rate(engine, withAlternatives);
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                without.add(rate(engine, plain));
                with.add(rate(engine, withAlternatives));
            }
            double a = Figures.median(without);
            double b = Figures.median(with);
            System.out.printf(Locale.ROOT, "%s: %d tokens, %d rounds, %d threads: %.1f tok/s without alternatives, "
                            + "%.1f with %d per token: %.3fx%n", model.getFileName(), tokens, rounds, threads, a, b,
                    ALTERNATIVES, b / a);
        }
    }

    /** One fresh session's generation rate after its first token, as the bridge measures it. */
    private static double rate(LlamaEngine engine, SessionOptions options) {
        try (LlamaSession session = engine.createSession("cost", options)) {
            Quiet stream = new Quiet();
            session.stream("Once upon a time", stream);
            if (stream.error != null) {
                throw new IllegalStateException(stream.error);
            }
            if (options.alternatives() > 0 && stream.choices == 0) {
                throw new IllegalStateException("no alternatives came");
            }
            return session.lastStats().tokensPerSecond();
        }
    }

    /** Counts the tokens that came with their alternatives. */
    private static final class Quiet extends SilentStream {
        int choices;

        @Override
        public void onTokens(List<TokenChoice> tokens) {
            choices += tokens.size();
        }
    }
}
