package dev.juxta.llama;

/**
 * Figures for one stream, from {@link LlamaSession#lastStats()}.
 *
 * @param promptTokens      tokens of the rendered prompt (the whole transcript kept in context)
 * @param cachedTokens      of those, tokens the engine did not decode: already in the session's sequence, or
 *                          copied from another sequence that had read the same prefix
 * @param generatedTokens   tokens generated
 * @param timeToFirstTokenMillis from the call to {@code stream} to the first delta; -1 if none came
 * @param tokensPerSecond   generated tokens per second after the first token; 0 if fewer than two
 * @param stopReason        why it ended
 * @param turnsDropped      oldest turns left out of the context for this stream (0 when all fit)
 * @param contextLength     the session's context length in tokens
 */
public record StreamStats(
        int promptTokens,
        int cachedTokens,
        int generatedTokens,
        long timeToFirstTokenMillis,
        double tokensPerSecond,
        StopReason stopReason,
        int turnsDropped,
        int contextLength) {

    /** Tokens of the context in use after this stream: prompt plus answer. */
    public int contextUsed() {
        return promptTokens + generatedTokens;
    }
}
