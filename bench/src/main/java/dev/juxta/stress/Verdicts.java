package dev.juxta.stress;

import dev.juxta.llama.ChatTurn;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Judges what the workload saw against the bridge's promises (one terminal callback per stream,
 * callbacks on the stream's thread, an end soon after cancel or close, transcripts that match the
 * deltas) and counts the outcomes. The first 50 failures are printed as they happen.
 */
final class Verdicts {
    static final long STOP_LIMIT_MILLIS = 2_000;
    private static final int PRINTED_FAILURES = 50;

    private final PrintStream out;
    final LongAdder streams = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder busy = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder lateCloses = new LongAdder();
    final LongAdder badTerminals = new LongAdder();
    final LongAdder contractBreaks = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAdder engineCrashes = new LongAdder();
    final AtomicLong maxStopMillis = new AtomicLong();
    final AtomicLong maxCloseMillis = new AtomicLong();
    private final Map<String, LongAdder> errorMessages = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    Verdicts(PrintStream out) {
        this.out = out;
    }

    /** After a stream call returned: {@code thrown} is what the call threw, if it refused to start. */
    void judge(Probe probe, RuntimeException thrown) {
        if (thrown != null) {
            if (probe.terminals() != 0) {
                badTerminals.increment();
                fail("stream threw " + thrown + " after " + probe.terminals() + " terminal callbacks");
            } else {
                rejected.increment();
            }
            return;
        }
        streams.increment();
        if (probe.terminals() != 1) {
            badTerminals.increment();
            fail("stream of '" + probe.prompt + "' ended with " + probe.terminals() + " terminal callbacks");
        }
        if (probe.contractBreaks() != 0) {
            contractBreaks.increment();
            fail("stream of '" + probe.prompt + "' had " + probe.contractBreaks() + " callbacks after its end, "
                    + "off its thread or empty");
        }
        if (probe.terminal() != null) {
            switch (probe.terminal()) {
                case COMPLETE -> completed.increment();
                case CANCELLED -> cancelled.increment();
                case ERROR -> countError(probe.errorMessage());
            }
        }
        checkLate(probe);
    }

    private void countError(String errorMessage) {
        errors.increment();
        String raw = String.valueOf(errorMessage);
        if (raw.contains("ended unexpectedly") && !raw.contains("SIGKILL")) {
            engineCrashes.increment(); // not one of our kills: a crash of the engine, contained
        }
        String message = raw.replaceAll("\\d+", "N");
        errorMessages.computeIfAbsent(message.length() > 150 ? message.substring(0, 150) : message,
                k -> new LongAdder()).increment();
    }

    private void checkLate(Probe probe) {
        long latency = probe.stopLatencyMillis();
        maxStopMillis.accumulateAndGet(latency, Math::max);
        if (latency > STOP_LIMIT_MILLIS && probe.markLateReported()) {
            late.increment();
            fail("stream of '" + probe.prompt + "' ended " + latency + " ms after cancel/close");
        }
    }

    /** A stream still running {@code latency} ms after its cancel or close; {@code stack} is where it is. */
    void stillRunning(Probe probe, long latency, String stack) {
        late.increment();
        fail("stream of '" + probe.prompt + "' still runs " + latency + " ms after cancel/close:" + stack);
    }

    /** A session or engine ({@code what}) took {@code millis} to close. */
    void closed(String what, long millis) {
        maxCloseMillis.accumulateAndGet(millis, Math::max);
        if (millis > STOP_LIMIT_MILLIS) {
            lateCloses.increment();
            fail("closing " + what + " took " + millis + " ms");
        }
    }

    /** Inside the terminal callback: the session's transcript must be the seen turns plus this one. */
    void checkTranscript(Probe probe, Probe.Terminal terminal) {
        SessionState state = probe.state;
        synchronized (state) {
            List<ChatTurn> expected = new ArrayList<>(state.shadow);
            if (!probe.text().isEmpty() || terminal == Probe.Terminal.COMPLETE) {
                expected.add(new ChatTurn(probe.prompt, probe.text()));
            }
            List<ChatTurn> actual = state.session.transcript();
            if (!expected.equals(actual)) {
                mismatch(state, terminal.name().toLowerCase(Locale.ROOT), expected, actual);
            }
            state.shadow.clear();
            state.shadow.addAll(actual);
        }
    }

    /** The session's transcript must be what the workload saw it record; call holding the state's lock. */
    void checkShadow(SessionState state, String when) {
        List<ChatTurn> actual = state.session.transcript();
        if (!actual.equals(state.shadow)) {
            mismatch(state, when, state.shadow, actual);
        }
    }

    private void mismatch(SessionState state, String when, List<ChatTurn> expected, List<ChatTurn> actual) {
        state.mismatch = true;
        fail("transcript of session " + state.session.name() + " differs (" + when + "): expected " + tail(expected)
                + " but was " + tail(actual));
    }

    private static String tail(List<ChatTurn> turns) {
        return turns.size() + " turns" + (turns.isEmpty() ? "" : ", last " + turns.get(turns.size() - 1));
    }

    void unexpected(String message) {
        unexpected.increment();
        fail(message);
    }

    void fail(String message) {
        if (failures.incrementAndGet() <= PRINTED_FAILURES) {
            out.println("stress: FAIL " + message);
        }
    }

    void printStreams() {
        out.printf("stress: streams %d (completed %d, cancelled %d, error %d), rejected %d (closed session / no model), "
                        + "skipped %d (slot busy)%n", streams.sum(), completed.sum(), cancelled.sum(), errors.sum(),
                rejected.sum(), busy.sum());
    }

    void printErrors() {
        errorMessages.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(6)
                .forEach(e -> out.printf("stress:   onError x%d: %s%n", e.getValue().sum(), e.getKey()));
    }
}
