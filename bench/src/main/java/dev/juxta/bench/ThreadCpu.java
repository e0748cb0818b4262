package dev.juxta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads by thread name (threads of one name summed), in nanoseconds, from
 * Linux's /proc (each thread's schedstat). /proc sees the JVM's own threads too (JIT compilers,
 * GC), which ThreadMXBean does not. Elsewhere, or once the process has ended, it is empty.
 */
public final class ThreadCpu {
    private ThreadCpu() {
    }

    public static Map<String, Long> byName(long pid) {
        Map<String, Long> nanos = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long used = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                    nanos.merge(name, used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return nanos;
    }
}
