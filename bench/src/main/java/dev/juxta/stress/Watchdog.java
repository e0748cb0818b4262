package dev.juxta.stress;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Looks at the running streams five times a second: reports one that outlives its cancel or close
 * by {@link Verdicts#STOP_LIMIT_MILLIS} while it still runs, with its thread's stack, and ends the
 * worker with every thread's stack when one hangs.
 */
final class Watchdog implements Runnable {
    static final long HANG_MILLIS = 60_000;

    private final Supplier<List<Probe>> running;
    private final Verdicts verdicts;
    private final PrintStream out;

    Watchdog(Supplier<List<Probe>> running, Verdicts verdicts, PrintStream out) {
        this.running = running;
        this.verdicts = verdicts;
        this.out = out;
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            running.get().forEach(this::look);
        }
    }

    private void look(Probe probe) {
        long latency = probe.stopLatencyMillis();
        if (probe.ended() || latency < 0) {
            return;
        }
        if (latency > Verdicts.STOP_LIMIT_MILLIS && probe.markLateReported()) {
            verdicts.stillRunning(probe, latency, stack(probe.thread));
        }
        if (latency > HANG_MILLIS) {
            out.println("stress: HANG: a stream did not end " + HANG_MILLIS + " ms after cancel/close; threads:");
            Thread.getAllStackTraces().forEach((t, s) -> out.println(t + stack(t)));
            out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static String stack(Thread thread) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement e : thread.getStackTrace()) {
            text.append("\n    at ").append(e);
        }
        return text.toString();
    }
}
