package dev.juxta.llama;

/** Where a stream is before its first token, reported through {@link GenStream#onPhase}. */
public enum StreamPhase {
    /** The engine is starting (first use, or after the engine process ended). */
    STARTING_ENGINE,
    /** All of the model's slots are busy with other sessions. */
    WAITING_FOR_SLOT,
    /** The engine is reading the prompt (the part of the transcript not already cached). */
    READING_PROMPT,
    /** Tokens are being generated. */
    GENERATING
}
