package dev.juxta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the JIT compiler threads of some processes, from Linux's /proc (nanoseconds, from
 * each thread's schedstat). Both sides' JVMs compile their token path during the first streams, and
 * on 2 cores that CPU comes out of llama.cpp's: the bench warms up until it has settled. Elsewhere
 * it reads 0, and the warm-up runs its minimum.
 */
final class JitClock {
    private JitClock() {
    }

    static long nanos(List<Long> pids) {
        return pids.stream().mapToLong(JitClock::nanos).sum();
    }

    private static long nanos(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(JitClock::compilerNanos).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or the process has ended
        }
    }

    private static long compilerNanos(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            return Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended while being read
        }
    }
}
