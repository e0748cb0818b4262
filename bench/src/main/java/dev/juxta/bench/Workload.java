package dev.juxta.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What both sides of one model's comparison run: the model, threads, slots and context, the
 * sampling, and the exact prompt texts. Written to a file for the raw-binding child so the two
 * sides cannot drift apart.
 *
 * @param model        the GGUF file
 * @param threads      compute threads
 * @param slots        parallel slots of the one loaded model (4: the most sessions measured)
 * @param context      tokens of context per slot
 * @param tokens       tokens per measured stream
 * @param temperature  sampling temperature (top-k 40, top-p 0.95, no repeat penalty on both sides;
 *                     both sides ignore end-of-text)
 * @param seed         sampling seed
 * @param reps         repetitions of each speed and TTFT measurement in one round (their median counts)
 * @param stops        stop-latency samples
 * @param shortPrompt  the fresh prompt (about 30 tokens)
 * @param historyPrompt the first turn of the turn-2 test (about 1,000 tokens)
 * @param historyAnswerTokens tokens answered to the history prompt
 * @param turn2Prompt  the second turn's prompt
 */
record Workload(Path model, int threads, int slots, int context, int tokens, double temperature, int seed,
                int reps, int stops, String shortPrompt, String historyPrompt,
                int historyAnswerTokens, String turn2Prompt) {

    static final int TOP_K = 40;
    static final double TOP_P = 0.95;
    static final double REPEAT_PENALTY = 1.0;

    /** The prompt of concurrent stream {@code i}: distinct first words, same length. */
    String concurrentPrompt(int i) {
        return "Story " + (char) ('A' + i) + ". " + shortPrompt;
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("model", model.toString());
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("slots", Integer.toString(slots));
        p.setProperty("context", Integer.toString(context));
        p.setProperty("tokens", Integer.toString(tokens));
        p.setProperty("temperature", Double.toString(temperature));
        p.setProperty("seed", Integer.toString(seed));
        p.setProperty("reps", Integer.toString(reps));
        p.setProperty("stops", Integer.toString(stops));
        p.setProperty("shortPrompt", shortPrompt);
        p.setProperty("historyPrompt", historyPrompt);
        p.setProperty("historyAnswerTokens", Integer.toString(historyAnswerTokens));
        p.setProperty("turn2Prompt", turn2Prompt);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "juxta bench workload");
        }
    }

    static Workload load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new Workload(Path.of(p.getProperty("model")), integer(p, "threads"), integer(p, "slots"),
                integer(p, "context"), integer(p, "tokens"), Double.parseDouble(p.getProperty("temperature")),
                integer(p, "seed"), integer(p, "reps"),
                integer(p, "stops"), p.getProperty("shortPrompt"), p.getProperty("historyPrompt"),
                integer(p, "historyAnswerTokens"), p.getProperty("turn2Prompt"));
    }

    private static int integer(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key));
    }
}
