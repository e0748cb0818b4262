package dev.juxta.app.chat;

import dev.juxta.llama.TokenChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Collects streamed deltas on the stream's thread and hands them to the FX thread once per frame.
 * Counts what it received and what it showed, so a benchmark can check nothing was lost or shown
 * twice, and how much the frames coalesced. Also notes when a turn's stream started and when its
 * first delta came, on the stream's thread, so the pane's live figures measure what the bridge's
 * final ones measure (a frame later, or a busy FX thread, would add to them).
 */
final class DeltaBuffer {
    private final LongSupplier clock;
    private final StringBuilder pending = new StringBuilder();
    private final List<TokenChoice> pendingTokens = new ArrayList<>();
    private int pendingDeltas;
    private long deltasReceived;
    private long charsReceived;
    private long deltasShown;
    private long charsShown;
    private long flushes;
    private long turnStartNanos;
    private long firstDeltaNanos;

    /** {@code clock}: nanoseconds, as {@link System#nanoTime}. */
    public DeltaBuffer(LongSupplier clock) {
        this.clock = clock;
    }

    /** Called from the stream's thread just before a turn's stream starts. */
    public synchronized void startTurn() {
        turnStartNanos = clock.getAsLong();
        firstDeltaNanos = 0;
    }

    /** Called from the stream's thread for every delta. */
    public synchronized void append(String delta) {
        if (firstDeltaNanos == 0) {
            firstDeltaNanos = clock.getAsLong();
        }
        pending.append(delta);
        pendingDeltas++;
        deltasReceived++;
        charsReceived += delta.length();
    }

    /** Called from the stream's thread with the tokens of a delta, when the session asked for them. */
    public synchronized void appendTokens(List<TokenChoice> tokens) {
        pendingTokens.addAll(tokens);
    }

    /** Takes the tokens received since the last call; called once per frame. */
    public synchronized List<TokenChoice> drainTokens() {
        if (pendingTokens.isEmpty()) {
            return List.of();
        }
        List<TokenChoice> taken = List.copyOf(pendingTokens);
        pendingTokens.clear();
        return taken;
    }

    /** Takes everything received since the last drain ("" when nothing came); called once per frame. */
    public synchronized String drain() {
        if (pendingDeltas == 0) {
            return "";
        }
        String text = pending.toString();
        pending.setLength(0);
        deltasShown += pendingDeltas;
        charsShown += text.length();
        pendingDeltas = 0;
        flushes++;
        return text;
    }

    /** The clock's time of this turn's start. */
    public synchronized long turnStartNanos() {
        return turnStartNanos;
    }

    /** The clock's time of this turn's first delta; 0 until it comes. */
    public synchronized long firstDeltaNanos() {
        return firstDeltaNanos;
    }

    /** The counts so far, read together. */
    public synchronized StreamCounts counts() {
        return new StreamCounts(deltasReceived, deltasShown, charsReceived, charsShown, flushes);
    }

    public synchronized long deltasReceived() {
        return deltasReceived;
    }

    public synchronized long charsReceived() {
        return charsReceived;
    }

    public synchronized long deltasShown() {
        return deltasShown;
    }

    public synchronized long charsShown() {
        return charsShown;
    }

    /** Drains that showed something: at most one per frame, however many deltas arrived. */
    public synchronized long flushes() {
        return flushes;
    }
}
