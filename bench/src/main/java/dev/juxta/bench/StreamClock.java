package dev.juxta.bench;

/**
 * Times one stream the same way on both sides: from its start to each non-empty piece of text.
 * Written by the streaming thread only; read after the stream ended.
 */
final class StreamClock {
    private final long start = System.nanoTime();
    private long first;
    private long last;
    private int tokens;

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

    long lastNanos() {
        return last;
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
