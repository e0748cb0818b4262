package dev.juxta.bench;

import java.nio.file.Path;

/**
 * What both sides of one model's comparison run: the model, threads, slots and context, the
 * sampling, and the exact prompt texts, so the two sides cannot drift apart.
 *
 * @param model        the GGUF file
 * @param threads      compute threads
 * @param slots        parallel slots of the one loaded model (4: the most sessions measured)
 * @param context      tokens of context per slot
 * @param tokens       tokens per measured stream
 * @param temperature  sampling temperature (top-k 40, top-p 0.95, min-p 0.05, no repeat penalty on
 *                     both sides; both sides ignore end-of-text)
 * @param seed         sampling seed
 * @param reps         repetitions of each speed and TTFT measurement in one round (their median counts)
 * @param stops        stop-latency samples
 * @param shortPrompt  the fresh prompt (about 30 tokens)
 * @param historyPrompt the first turn of the turn-2 test (about 1,000 tokens), also the long fresh prompt
 * @param historyAnswerTokens tokens answered to the history prompt
 * @param turn2Prompt  the second turn's prompt
 */
record Workload(Path model, int threads, int slots, int context, int tokens, double temperature, int seed,
                int reps, int stops, String shortPrompt, String historyPrompt,
                int historyAnswerTokens, String turn2Prompt) {

    static final int TOP_K = 40;
    static final double TOP_P = 0.95;
    static final double REPEAT_PENALTY = 1.0;
    static final double MIN_P = 0.05;
    /**
     * Whether Juxta's engine shares one KV buffer among its sequences (juxta_llama.cpp, newContext):
     * upstream runs the same way. Off since the engine gave each sequence its own buffer, so that a
     * sequence's cells, and with them its answer, no longer depend on the others.
     */
    static final boolean KV_UNIFIED = false;

    /** The prompt of concurrent stream {@code i}: distinct first words, same length. */
    String concurrentPrompt(int i) {
        return "Story " + (char) ('A' + i) + ". " + shortPrompt;
    }
}
