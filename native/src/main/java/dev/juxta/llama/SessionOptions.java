package dev.juxta.llama;

/**
 * Sampling and prompt settings of one session. Immutable; every value is checked when the record
 * is built, so a bad value never reaches native code.
 *
 * @param systemPrompt  the system turn of the chat template ("" for none)
 * @param temperature   0 means greedy (deterministic); must be in [0, 5]
 * @param topP          nucleus sampling, in (0, 1]
 * @param topK          0 disables top-k; otherwise at least 1
 * @param minP          drops tokens less likely than this fraction of the likeliest; 0 disables it; in [0, 1)
 * @param repeatPenalty 1 disables it; must be in (0, 5]
 * @param maxTokens     upper bound of one answer, at least 1
 * @param seed          sampling seed, or -1 for a random one; in [-1, 2^31 - 1]
 * @param ignoreEndOfText keep generating past the model's end of text, up to maxTokens (for
 *                      benchmarks that need answers of a fixed length)
 * @param alternatives  when above 0, each token comes with its probability and this many likeliest
 *                      alternatives ({@link GenStream#onTokens}); 0 computes nothing; at most
 *                      {@link #MAX_ALTERNATIVES}
 */
public record SessionOptions(
        String systemPrompt,
        double temperature,
        double topP,
        int topK,
        double minP,
        double repeatPenalty,
        int maxTokens,
        long seed,
        boolean ignoreEndOfText,
        int alternatives) {

    /** The seed value meaning "choose a random seed per stream". */
    public static final long RANDOM_SEED = -1;
    public static final int MAX_ALTERNATIVES = 10;

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
        if (!(minP >= 0 && minP < 1)) {
            throw new LlamaException("minP must be >= 0 and < 1, was " + minP);
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
        if (alternatives < 0 || alternatives > MAX_ALTERNATIVES) {
            throw new LlamaException("alternatives must be in [0, " + MAX_ALTERNATIVES + "], was " + alternatives);
        }
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            String reason = value < min ? "must be >= " + min : "must be <= " + max;
            throw new LlamaException(name + " " + reason + ", was " + value);
        }
    }

    /**
     * No system prompt, temperature 0.8, top-p 0.95, top-k 40, min-p 0.05, repeat penalty 1.1, 512
     * tokens, random seed, no alternatives.
     */
    public static SessionOptions defaults() {
        return new SessionOptions("", 0.8, 0.95, 40, 0.05, 1.1, 512, RANDOM_SEED, false, 0);
    }

    public SessionOptions withSystemPrompt(String value) {
        return new SessionOptions(value, temperature, topP, topK, minP, repeatPenalty, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withTemperature(double value) {
        return new SessionOptions(systemPrompt, value, topP, topK, minP, repeatPenalty, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withTopP(double value) {
        return new SessionOptions(systemPrompt, temperature, value, topK, minP, repeatPenalty, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withTopK(int value) {
        return new SessionOptions(systemPrompt, temperature, topP, value, minP, repeatPenalty, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withMinP(double value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, value, repeatPenalty, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withRepeatPenalty(double value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, minP, value, maxTokens, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withMaxTokens(int value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, minP, repeatPenalty, value, seed, ignoreEndOfText, alternatives);
    }

    public SessionOptions withSeed(long value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, minP, repeatPenalty, maxTokens, value, ignoreEndOfText, alternatives);
    }

    public SessionOptions withIgnoreEndOfText(boolean value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, minP, repeatPenalty, maxTokens, seed, value, alternatives);
    }

    public SessionOptions withAlternatives(int value) {
        return new SessionOptions(systemPrompt, temperature, topP, topK, minP, repeatPenalty, maxTokens, seed, ignoreEndOfText, value);
    }
}
