package dev.juxta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's threads and their CPU time, from Linux's /proc (each thread's comm and schedstat).
 * /proc sees the JVM's own threads too (JIT compilers, GC), which ThreadMXBean does not. Elsewhere,
 * or once the process has ended, there are none.
 */
public final class ThreadCpu {
    /** One thread: its /proc directory and its name (Linux keeps 15 characters of it). */
    public record Task(Path dir, String name) {
    }

    private ThreadCpu() {
    }

    public static List<Task> tasks(long pid) {
        List<Task> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    found.add(new Task(task, Files.readString(task.resolve("comm")).trim()));
                } catch (IOException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return found;
    }

    /** A thread's nanoseconds on a CPU, then ready to run but waiting for one (its schedstat). */
    public static long[] schedstat(Path taskDir) throws IOException {
        String[] fields = Files.readString(taskDir.resolve("schedstat")).trim().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    /** CPU time by thread name (threads of one name summed), in nanoseconds. */
    public static Map<String, Long> byName(long pid) {
        Map<String, Long> nanos = new TreeMap<>();
        for (Task task : tasks(pid)) {
            try {
                nanos.merge(task.name(), schedstat(task.dir())[0], Long::sum);
            } catch (IOException | RuntimeException e) {
                // the thread ended while being read
            }
        }
        return nanos;
    }
}
