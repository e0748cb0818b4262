package dev.juxta.bench;

/**
 * Times one stream the same way on both sides: from its start to each non-empty piece of text.
 * Written by the streaming thread only; read after the stream ended.
 */
final class StreamClock {
    private final long start = System.nanoTime();
    private long dispatched;
    private long first;
    private long last;
    private int tokens;

    /**
     * The request reached the model's side and its work starts: Juxta's engine had confirmed the
     * end of this session's previous request (its slot is free only then); for llama-server, the
     * request was written.
     */
    void dispatched() {
        dispatched = System.nanoTime();
    }

    void token() {
        long now = System.nanoTime();
        if (tokens++ == 0) {
            first = now;
        }
        last = now;
    }

    int tokens() {
        return tokens;
    }

    long startNanos() {
        return start;
    }

    /** When the request was dispatched, or 0 if it never was. */
    long dispatchedNanos() {
        return dispatched;
    }

    /** When the first token came, or 0 without one. */
    long firstNanos() {
        return tokens == 0 ? 0 : first;
    }

    /** Milliseconds from the start to the first token, or NaN without one. */
    double ttftMillis() {
        return tokens == 0 ? Double.NaN : (first - start) / 1e6;
    }

    /** Tokens per second after the first token (decode speed), or NaN with fewer than two. */
    double decodeRate() {
        return tokens < 2 ? Double.NaN : (tokens - 1) / ((last - first) / 1e9);
    }
}
