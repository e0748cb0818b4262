package dev.juxta.llama;

/** Why a stream ended. */
public enum StopReason {
    /** The model ended its answer. */
    END_OF_TEXT,
    /** {@link SessionOptions#maxTokens()} tokens were generated. */
    MAX_TOKENS,
    /** The session's context is full. */
    CONTEXT_FULL,
    /** {@code cancel()}, {@code close()} or {@code shutdown()} ended it. */
    CANCELLED,
    /** It failed; {@link GenStream#onError} said why. */
    ERROR
}
