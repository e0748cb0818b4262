package dev.juxta.bench.fx;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches the FX thread while {@link #recording} is on, three ways:
 * <ul>
 * <li>pulse gaps: an {@link AnimationTimer} notes System.nanoTime() at every pulse; the gap between two
 * pulses is one frame (nominal 16.7 ms at 60 Hz), longer when the FX thread or the renderer was busy;</li>
 * <li>probe latency: a timer thread posts a {@link Platform#runLater} every {@code probeMillis} (one at a
 * time) and notes how long it waited for the FX thread: the pause a user's click would see;</li>
 * <li>layout: the time from the scene's pre-layout to its post-layout pulse listener (CSS + layout).</li>
 * </ul>
 * It also notes every GC pause (from the GC beans' notifications) so long gaps can be matched to them.
 */
final class FxProbe {
    /**
     * One long FX pause, when it ended (ms since start) and the pane text length at that time; with
     * how long the FX thread ran during it and how long it was ready to run but waited for a CPU
     * (schedstat; NaN where /proc has none).
     */
    record Pause(String kind, double endMs, double millis, String context, Sched fx, Sched renderer) {
    }

    /** A thread's run time and CPU-wait time during a pause, ms; NaN where unknown. */
    record Sched(double ranMs, double waitedMs) {
        static Sched between(SchedStat.Sample from, SchedStat.Sample to) {
            boolean known = from != null && from.known() && to.known();
            return new Sched(known ? (to.ranNanos() - from.ranNanos()) / 1e6 : Double.NaN,
                    known ? (to.waitedNanos() - from.waitedNanos()) / 1e6 : Double.NaN);
        }

        @Override
        public String toString() {
            return Double.isNaN(ranMs) ? "?" : String.format(java.util.Locale.ROOT, "ran %.1f, waited for a CPU %.1f", ranMs, waitedMs);
        }
    }

    /** Both threads' schedstat at one moment. */
    private record Both(SchedStat.Sample fx, SchedStat.Sample renderer) {
    }

    /** One GC pause: when it started (ms since start) and how long it took. */
    record GcPause(String name, String cause, double startMs, double millis) {
    }

    private final long start = System.nanoTime();
    private final long jvmStartOffsetMs = ManagementFactory.getRuntimeMXBean().getUptime();
    private final double thresholdMs;
    private final int probeMillis;
    private final java.util.function.Supplier<String> context;
    private final Samples pulseGaps = new Samples();
    private final Samples probeLatency = new Samples();
    private final Samples layoutTimes = new Samples();
    private final List<Pause> pauses = new ArrayList<>();
    private final List<GcPause> gcPauses = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean probeOut = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean recording;
    private volatile SchedStat fxThread = SchedStat.NONE;
    private volatile SchedStat rendererThread = SchedStat.NONE;
    private long lastPulse;
    private Both lastPulseSched;
    private long layoutStart;
    private Both layoutStartSched;
    private final AnimationTimer pulses = new AnimationTimer() {
        @Override
        public void handle(long ignored) {
            long now = System.nanoTime();
            Both sched = sched();
            if (recording && lastPulse != 0) {
                double gap = (now - lastPulse) / 1e6;
                pulseGaps.add(gap);
                notePause("pulse gap", now, gap, lastPulseSched, sched);
            }
            lastPulse = now;
            lastPulseSched = sched;
        }
    };

    FxProbe(double thresholdMs, int probeMillis, java.util.function.Supplier<String> context) {
        this.thresholdMs = thresholdMs;
        this.probeMillis = probeMillis;
        this.context = context;
    }

    /** FX thread: starts the pulse timer, the layout listeners, the probe thread and the GC listener. */
    void install(Scene scene) {
        fxThread = SchedStat.ofCurrentThread();
        rendererThread = SchedStat.ofThreadNamed("QuantumRenderer");
        pulses.start();
        scene.addPreLayoutPulseListener(() -> {
            layoutStart = System.nanoTime();
            layoutStartSched = sched();
        });
        scene.addPostLayoutPulseListener(() -> {
            if (recording && layoutStart != 0) {
                long now = System.nanoTime();
                double took = (now - layoutStart) / 1e6;
                layoutTimes.add(took);
                notePause("css+layout", now, took, layoutStartSched, sched());
            }
        });
        timer.scheduleAtFixedRate(this::probe, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, h) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    if (recording && !info.getGcCause().equals("No GC")) {
                        double startMs = info.getGcInfo().getStartTime() - jvmStartOffsetMs;
                        gcPauses.add(new GcPause(info.getGcName(), info.getGcCause(), startMs, info.getGcInfo().getDuration()));
                    }
                }, null, null);
            }
        }
    }

    private void probe() {
        if (!recording || !probeOut.compareAndSet(false, true)) {
            return;
        }
        long posted = System.nanoTime();
        Both atPost = sched();
        Platform.runLater(() -> {
            long now = System.nanoTime();
            probeOut.set(false);
            if (recording) {
                double waited = (now - posted) / 1e6;
                probeLatency.add(waited);
                notePause("probe wait", now, waited, atPost, sched());
            }
        });
    }

    private Both sched() {
        return new Both(fxThread.read(), rendererThread.read());
    }

    private void notePause(String kind, long endNanos, double millis, Both from, Both to) {
        if (millis > thresholdMs) {
            pauses.add(new Pause(kind, ms(endNanos), millis, context.get(),
                    Sched.between(from == null ? null : from.fx(), to.fx()),
                    Sched.between(from == null ? null : from.renderer(), to.renderer())));
        }
    }

    double sinceStartMs() {
        return ms(System.nanoTime());
    }

    private double ms(long nanos) {
        return (nanos - start) / 1e6;
    }

    void recording(boolean on) {
        recording = on;
        if (on) {
            lastPulse = 0;
        }
    }

    /** FX thread: forgets everything recorded so far (after the idle baseline and the warm-up). */
    void reset() {
        pulseGaps.clear();
        probeLatency.clear();
        layoutTimes.clear();
        pauses.clear();
        gcPauses.clear();
    }

    void stop() {
        pulses.stop();
        timer.shutdownNow();
    }

    Samples pulseGaps() {
        return pulseGaps;
    }

    Samples probeLatency() {
        return probeLatency;
    }

    Samples layoutTimes() {
        return layoutTimes;
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    List<GcPause> gcPauses() {
        synchronized (gcPauses) {
            return List.copyOf(gcPauses);
        }
    }

    /** Durations in ms; written on the FX thread only. */
    static final class Samples {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void clear() {
            size = 0;
        }

        int count() {
            return size;
        }

        double max() {
            double max = 0;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, values[i]);
            }
            return max;
        }

        double percentile(double p) {
            if (size == 0) {
                return 0;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, index))];
        }

        int countOver(double limit) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (values[i] > limit) {
                    n++;
                }
            }
            return n;
        }

        Samples copy() {
            Samples s = new Samples();
            s.values = Arrays.copyOf(values, Math.max(1, size));
            s.size = size;
            return s;
        }
    }
}
