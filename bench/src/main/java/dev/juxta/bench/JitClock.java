package dev.juxta.bench;

import java.util.List;

/**
 * CPU time of the JIT compiler threads of some processes ({@link ThreadCpu}). Both sides' JVMs
 * compile their token path during the first streams, and on 2 cores that CPU comes out of
 * llama.cpp's: the bench warms up until it has settled. Where /proc is missing it reads 0, and the
 * warm-up runs its minimum.
 */
final class JitClock {
    private JitClock() {
    }

    static long nanos(List<Long> pids) {
        return pids.stream()
                .flatMap(pid -> ThreadCpu.byName(pid).entrySet().stream())
                .filter(thread -> thread.getKey().startsWith("C1 Compiler") || thread.getKey().startsWith("C2 Compiler"))
                .mapToLong(thread -> thread.getValue())
                .sum();
    }
}
