package dev.juxta.stress;

import dev.juxta.llama.GenStream;
import dev.juxta.llama.StreamPhase;

/**
 * Watches one stream: counts its terminal callbacks and any callback after the first terminal or
 * on another thread, concatenates its deltas, and remembers when it was first asked to end
 * (cancel or close) and when it ended.
 */
final class Probe implements GenStream {
    /** Runs inside the terminal callback, while the session still counts as streaming. */
    interface OnTerminal {
        void run(Probe probe, Terminal terminal);
    }

    /** How a stream ended: its terminal callback. */
    enum Terminal { COMPLETE, ERROR, CANCELLED }

    final String prompt;
    final Thread thread;
    final SessionState state;
    private final OnTerminal onTerminal;
    private final StringBuilder text = new StringBuilder();
    private volatile int terminals;
    private volatile int afterTerminal;
    private volatile int wrongThread;
    private volatile Terminal terminal;
    private volatile String errorMessage;
    private volatile long stopRequestedNanos;
    private volatile long endNanos;
    private volatile boolean lateReported;

    Probe(String prompt, SessionState state, OnTerminal onTerminal) {
        this.prompt = prompt;
        this.state = state;
        this.onTerminal = onTerminal;
        this.thread = Thread.currentThread();
    }

    @Override
    public void onDelta(String delta) {
        callback();
        if (delta.isEmpty()) {
            afterTerminal++; // the contract says never empty: count it as a contract break
        }
        text.append(delta);
    }

    @Override
    public void onComplete() {
        terminal(Terminal.COMPLETE);
    }

    @Override
    public void onError(String message) {
        errorMessage = message;
        terminal(Terminal.ERROR);
    }

    @Override
    public void onCancelled() {
        terminal(Terminal.CANCELLED);
    }

    @Override
    public void onPhase(StreamPhase phase) {
        callback();
    }

    private void callback() {
        if (Thread.currentThread() != thread) {
            wrongThread++;
        }
        if (terminals > 0) {
            afterTerminal++;
        }
    }

    private void terminal(Terminal kind) {
        callback();
        terminals++;
        if (terminals == 1) {
            terminal = kind;
            endNanos = System.nanoTime();
            if (onTerminal != null) {
                onTerminal.run(this, kind);
            }
        }
    }

    /** Someone asked this stream to end at {@code nanos} (only the first request counts). */
    void stopRequested(long nanos) {
        if (stopRequestedNanos == 0 && endNanos == 0) {
            stopRequestedNanos = nanos;
        }
    }

    String text() {
        return text.toString();
    }

    int terminals() {
        return terminals;
    }

    /** Callbacks that broke the contract (after the terminal one, on another thread, empty delta). */
    int contractBreaks() {
        return afterTerminal + wrongThread;
    }

    /** The first terminal callback; null while the stream runs. */
    Terminal terminal() {
        return terminal;
    }

    String errorMessage() {
        return errorMessage;
    }

    boolean ended() {
        return endNanos != 0;
    }

    /** Milliseconds from the first cancel/close to the end (to now while still running), or -1. */
    long stopLatencyMillis() {
        long asked = stopRequestedNanos;
        if (asked == 0) {
            return -1;
        }
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return Math.max(0, (end - asked) / 1_000_000);
    }

    boolean markLateReported() {
        if (lateReported) {
            return false;
        }
        lateReported = true;
        return true;
    }
}
