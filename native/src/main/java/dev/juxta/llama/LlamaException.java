package dev.juxta.llama;

/**
 * The one exception type of the bridge: a problem a user can act on, with a message that names the
 * file or option and the reason (for example {@code "temperature must be >= 0, was -1.0"} or
 * {@code "/models/x.gguf: not a GGUF file (magic is 'PK\u0003\u0004')"}).
 *
 * <p>Unchecked, so callers on the FX thread can show {@link #getMessage()} directly.
 */
public class LlamaException extends RuntimeException {
    public LlamaException(String message) {
        super(message);
    }

    public LlamaException(String message, Throwable cause) {
        super(message, cause);
    }
}
