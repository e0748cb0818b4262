package dev.juxta.llama;

/**
 * How a model is loaded. Immutable; every value is checked when the record is built, and the
 * context length again against the model's trained context when it is loaded.
 *
 * @param contextLength tokens of context per session, or {@link #AUTO_CONTEXT} for
 *                      min(2048, the model's trained context); otherwise at least 64
 * @param maxSessions   sessions decoded at once (the engine's slots), in [1, 64]; more sessions may
 *                      exist, they wait for a free slot
 * @param threads       compute threads, at least 1
 * @param reproducible  decode each session on its own instead of batching them: a session's answer
 *                      is then the same bits alone as beside others also on models with float
 *                      weights, whose kernels compute a row differently beside other rows (quantized
 *                      weights were measured the same either way); sessions then share the CPU
 *                      without batching's gain
 */
public record ModelOptions(int contextLength, int maxSessions, int threads, boolean reproducible) {

    /** {@link #contextLength()} value meaning "choose from the model". */
    public static final int AUTO_CONTEXT = 0;
    /** Context used by {@link #AUTO_CONTEXT} when the model's trained context is larger. */
    public static final int DEFAULT_CONTEXT = 2048;
    public static final int MIN_CONTEXT = 64;
    public static final int MAX_SESSIONS = 64;

    public ModelOptions {
        if (contextLength != AUTO_CONTEXT && contextLength < MIN_CONTEXT) {
            throw new LlamaException("contextLength must be >= " + MIN_CONTEXT + " tokens, was " + contextLength);
        }
        if (maxSessions < 1 || maxSessions > MAX_SESSIONS) {
            throw new LlamaException("maxSessions must be in [1, " + MAX_SESSIONS + "], was " + maxSessions);
        }
        if (threads < 1) {
            throw new LlamaException("threads must be >= 1, was " + threads);
        }
    }

    /** Automatic context, 4 sessions, {@link #recommendedThreads()}, not reproducible. */
    public static ModelOptions defaults() {
        return new ModelOptions(AUTO_CONTEXT, 4, recommendedThreads(), false);
    }

    /**
     * Half the available processors, at least one. Measured on 2 cores with a 134M Q4_0 model, one
     * run: one engine alone streams 0.85x as fast with 1 thread as with 2, but two engines at once
     * (two models side by side) stream 6.7x faster in aggregate with 1 thread each than with 2 each,
     * because llama.cpp's spinning compute threads starve each other (and the UI) when they
     * outnumber the cores. llama.cpp's own default oversubscribed 2 cores even with one engine.
     */
    public static int recommendedThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public ModelOptions withContextLength(int value) {
        return new ModelOptions(value, maxSessions, threads, reproducible);
    }

    public ModelOptions withMaxSessions(int value) {
        return new ModelOptions(contextLength, value, threads, reproducible);
    }

    public ModelOptions withThreads(int value) {
        return new ModelOptions(contextLength, maxSessions, value, reproducible);
    }

    public ModelOptions withReproducible(boolean value) {
        return new ModelOptions(contextLength, maxSessions, threads, value);
    }

    /** The context length per session for a model trained with {@code trainedContext} tokens. */
    public int effectiveContextLength(ModelInfo model) {
        int trained = model.trainedContextLength();
        if (contextLength == AUTO_CONTEXT) {
            return Math.min(DEFAULT_CONTEXT, trained);
        }
        if (contextLength > trained) {
            throw new LlamaException("contextLength " + contextLength + " is above the trained context of "
                    + model.file().getFileName() + " (" + trained + " tokens)");
        }
        return contextLength;
    }
}
