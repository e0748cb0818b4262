package dev.juxta.bench.fx;

import dev.juxta.bench.ThreadCpu;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this process's threads ({@link ThreadCpu}), in the groups worth telling apart. The
 * FX pauses swing several-fold from run to run on a busy 2-core VM; the CPU the FX thread and the
 * renderer spend per frame is the steadier figure for comparing two builds.
 */
final class CpuUse {
    private final Map<String, Long> nanosByGroup;

    private CpuUse(Map<String, Long> nanosByGroup) {
        this.nanosByGroup = nanosByGroup;
    }

    static CpuUse now() {
        Map<String, Long> nanos = new TreeMap<>();
        ThreadCpu.byName(ProcessHandle.current().pid()).forEach((name, used) -> nanos.merge(group(name), used, Long::sum));
        return new CpuUse(nanos);
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
        return nanosByGroup.entrySet().stream()
                .map(e -> {
                    double seconds = (e.getValue() - before.nanosByGroup.getOrDefault(e.getKey(), 0L)) / 1e9;
                    return String.format(Locale.ROOT, "%s %.2f s (%.0f%% of a core, %.1f ms a frame)",
                            e.getKey(), seconds, 100 * seconds / wallSeconds, frames > 0 ? 1000 * seconds / frames : 0.0);
                })
                .collect(Collectors.joining("; "));
    }
}
