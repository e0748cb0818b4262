package dev.juxta.llama;

import java.util.List;

/**
 * Receives one streamed answer.
 *
 * <p>Thread contract: every method runs on the thread that called {@code stream(...)}, in order:
 * {@link #onPhase}, {@link #onTokens} and {@link #onDelta} zero or more times, {@link #onPrompt} at most once and
 * before the first delta, then exactly one of {@link #onComplete}, {@link #onError} or
 * {@link #onCancelled}, and nothing after it. Implementations should return
 * quickly; a slow callback slows only its own stream.
 */
public interface GenStream {
    /** A piece of the answer: never empty, never a split character. */
    void onDelta(String text);

    /**
     * The tokens whose text the next {@link #onDelta} carries, with their probabilities and
     * alternatives; called only when the session's {@link SessionOptions#alternatives()} is above 0.
     */
    default void onTokens(List<TokenChoice> tokens) {
    }

    /** The answer ended normally (end of text, max tokens or a full context; see the session's stats). */
    void onComplete();

    /** The stream failed; the message says why in words a user can read. */
    void onError(String message);

    /** The stream was cancelled; by default treated as a completion. */
    default void onCancelled() {
        onComplete();
    }

    /** The stream moved to another phase (waiting for a slot, reading the prompt, generating). */
    default void onPhase(StreamPhase phase) {
    }

    /**
     * The engine has rendered the prompt: {@code promptTokens} of the session's
     * {@code contextLength} tokens hold the transcript and this turn before the answer begins
     * (after dropping the oldest turns if they did not fit). Each generated token takes one more.
     */
    default void onPrompt(int promptTokens, int contextLength) {
    }
}
