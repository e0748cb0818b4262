package dev.juxta.llama;

/**
 * Sampling and prompt settings of one session. Immutable; every value is checked when the record
 * is built, so a bad value never reaches native code.
 *
 * @param systemPrompt  the system turn of the chat template ("" for none)
 * @param temperature   0 means greedy (deterministic); must be in [0, 5]
 * @param topP          nucleus sampling, in (0, 1]
 * @param topK          0 disables top-k; otherwise at least 1
 * @param repeatPenalty 1 disables it; must be in (0, 5]
 * @param maxTokens     upper bound of one answer, at least 1
 * @param seed          sampling seed, or -1 for a random one; in [-1, 2^31 - 1]
 * @param ignoreEndOfText keep generating past the model's end of text, up to maxTokens (for
 *                      benchmarks that need answers of a fixed length)
 */
public record SessionOptions(
        String systemPrompt,
        double temperature,
        double topP,
        int topK,
        double repeatPenalty,
        int maxTokens,
        long seed,
        boolean ignoreEndOfText) {

    /** The seed value meaning "choose a random seed per stream". */
    public static final long RANDOM_SEED = -1;

    public SessionOptions {
        if (systemPrompt == null) {
            throw new LlamaException("systemPrompt must not be null (use \"\" for none)");
        }
        requireRange("temperature", temperature, 0, 5);
        if (!(topP > 0 && topP <= 1)) {
            throw new LlamaException("topP must be > 0 and <= 1, was " + topP);
        }
        if (topK < 0) {
            throw new LlamaException("topK must be >= 0 (0 disables it), was " + topK);
        }
        if (!(repeatPenalty > 0 && repeatPenalty <= 5)) {
            throw new LlamaException("repeatPenalty must be > 0 and <= 5, was " + repeatPenalty);
        }
        if (maxTokens < 1) {
            throw new LlamaException("maxTokens must be >= 1, was " + maxTokens);
        }
        if (seed < RANDOM_SEED || seed > Integer.MAX_VALUE) {
            throw new LlamaException("seed must be -1 (random) or in [0, " + Integer.MAX_VALUE + "], was " + seed);
        }
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            String reason = value < min ? "must be >= " + min : "must be <= " + max;
            throw new LlamaException(name + " " + reason + ", was " + value);
        }
    }

    /** No system prompt, temperature 0.8, top-p 0.95, top-k 40, repeat penalty 1.1, 512 tokens, random seed. */
    public static SessionOptions defaults() {
        return new SessionOptions("", 0.8, 0.95, 40, 1.1, 512, RANDOM_SEED, false);
    }

    public SessionOptions withSystemPrompt(String value) {
        return new SessionOptions(value, temperature, topP, topK, repeatPenalty, maxTokens, seed, ignoreEndOfText);
    }

    public SessionOptions withTemperature(double value) {
        return new SessionOptions(systemPrompt, value, topP, topK, repeatPenalty, maxTokens, seed, ignoreEndOfText);
    }

    public SessionOptions withTopP(double value) {
        return new SessionOptions(systemPrompt, temperature, value, topK, repeatPenalty, maxTokens, seed, ignoreEndOfText);
    }

    public SessionOptions withTopK(int value) {
        return new SessionOptions(systemPrompt, temperature, topP, value, repeatPenalty, maxTokens, seed, ignoreEndOfText);
    }

    public SessionOptions withRepeatPenalty(double value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, value, maxTokens, seed, ignoreEndOfText);
    }

    public SessionOptions withMaxTokens(int value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, repeatPenalty, value, seed, ignoreEndOfText);
    }

    public SessionOptions withIgnoreEndOfText(boolean value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, repeatPenalty, maxTokens, seed, value);
    }

    public SessionOptions withSeed(long value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, repeatPenalty, maxTokens, value, ignoreEndOfText);
    }
}
