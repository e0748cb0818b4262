package dev.juxta.bench.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per thread of this process, grouped by thread name, from Linux's /proc. The FX pauses
 * swing several-fold from run to run on a busy 2-core VM; the CPU the FX thread and the renderer
 * spend per frame is the steadier figure for comparing two builds. /proc also sees the JIT
 * compiler threads, which ThreadMXBean does not. Elsewhere it reports nothing.
 */
final class CpuUse {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Long> ticksByGroup;

    private CpuUse(Map<String, Long> ticksByGroup) {
        this.ticksByGroup = ticksByGroup;
    }

    static CpuUse now() {
        Map<String, Long> ticks = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new CpuUse(ticks);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (comm) state ..." : comm may hold spaces and parentheses, so cut at the last ')'.
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    ticks.merge(group(name), used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return new CpuUse(ticks);
        }
        return new CpuUse(ticks);
    }

    /** Linux truncates thread names to 15 characters; these groups are the ones worth telling apart. */
    private static String group(String name) {
        if (name.startsWith("JavaFX Applicat")) {
            return "FX thread";
        }
        if (name.startsWith("QuantumRenderer")) {
            return "renderer";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /** CPU seconds per group between {@code before} and this, as "FX thread 1.23 s, ...". */
    String since(CpuUse before, double wallSeconds, long frames) {
        return ticksByGroup.entrySet().stream()
                .map(e -> {
                    double seconds = (e.getValue() - before.ticksByGroup.getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND;
                    return String.format(Locale.ROOT, "%s %.2f s (%.0f%% of a core, %.1f ms a frame)",
                            e.getKey(), seconds, 100 * seconds / wallSeconds, frames > 0 ? 1000 * seconds / frames : 0.0);
                })
                .collect(Collectors.joining("; "));
    }
}
