package dev.juxta.llama.engine;

import dev.juxta.llama.engine.Message.Delta;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The engine's messages to the bridge. Deltas wait in the buffer while tokens come faster than
 * every {@link #COALESCE_NANOS}; any other message leaves at once with them.
 *
 * <p>Decode thread only.
 */
final class MessageOutput {
    /**
     * How long deltas may wait in the buffer for the next ones. Each write wakes two threads in the
     * app, and on 2 cores every wake-up takes a core from llama.cpp's threads; 3 ms is far below the
     * 16 ms in which the app shows them.
     */
    private static final long COALESCE_NANOS = 3_000_000;

    private final FrameWriter out;
    /** When the oldest delta not yet written was buffered, 0 when none. */
    private long oldestBufferedNanos;
    private boolean firstDeltaBuffered;

    MessageOutput(FrameWriter out) {
        this.out = out;
    }

    /** Writes the message now, with the deltas buffered before it. */
    void send(Message message) {
        buffer(message);
        flush();
    }

    /** Buffers a delta; a stream's first delta is written with the step's others, never held. */
    void delta(Delta delta, boolean first) {
        if (oldestBufferedNanos == 0) {
            oldestBufferedNanos = System.nanoTime();
        }
        firstDeltaBuffered |= first;
        buffer(delta);
    }

    /**
     * After a step: writes the buffered deltas when they include a stream's first one, when the
     * oldest has waited {@link #COALESCE_NANOS}, or when the step took that long (the next is likely
     * to take as long).
     */
    void stepDone(long stepNanos) {
        if (oldestBufferedNanos != 0 && (firstDeltaBuffered || stepNanos >= COALESCE_NANOS
                || System.nanoTime() - oldestBufferedNanos >= COALESCE_NANOS)) {
            flush();
        }
    }

    /** Writes what is buffered: nothing may wait while the decode thread sleeps. */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw bridgeGone(e);
        }
        oldestBufferedNanos = 0;
        firstDeltaBuffered = false;
    }

    private void buffer(Message message) {
        try {
            out.buffer(MessageCodec.encode(message));
        } catch (IOException e) {
            throw bridgeGone(e);
        }
    }

    private static UncheckedIOException bridgeGone(IOException e) {
        return new UncheckedIOException("the bridge stopped reading", e);
    }
}
