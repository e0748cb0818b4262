package dev.juxta.bench.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One thread's scheduler figures from Linux's /proc (schedstat): how long it has run on a CPU and
 * how long it has been ready to run but waited for one. A long FX pause with a long wait was
 * another thread's CPU time (on 2 cores: the engine, the JIT, the renderer), not the FX thread's
 * work. Any thread may read it; elsewhere than Linux every sample is unknown.
 */
final class SchedStat {
    static final SchedStat NONE = new SchedStat(null);

    /** Cumulative nanoseconds; {@code known} is false where /proc could not be read. */
    record Sample(boolean known, long ranNanos, long waitedNanos) {
        static final Sample UNKNOWN = new Sample(false, 0, 0);
    }

    private final Path file;

    private SchedStat(Path file) {
        this.file = file;
    }

    /** The calling thread's figures, readable from any thread afterwards. */
    static SchedStat ofCurrentThread() {
        try {
            // /proc/thread-self links to /proc/PID/task/TID, which stays this thread's path.
            return new SchedStat(Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))).resolve("schedstat"));
        } catch (IOException | UnsupportedOperationException e) {
            return NONE;
        }
    }

    /** The first of this process's threads whose name starts with {@code prefix}; NONE if none. */
    static SchedStat ofThreadNamed(String prefix) {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).startsWith(prefix);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().map(task -> new SchedStat(Path.of("/proc").resolve(resolved(task)).resolve("schedstat"))).orElse(NONE);
        } catch (IOException | UnsupportedOperationException e) {
            return NONE;
        }
    }

    private static Path resolved(Path task) {
        try {
            return task.toRealPath();
        } catch (IOException e) {
            return task;
        }
    }

    Sample read() {
        if (file == null) {
            return Sample.UNKNOWN;
        }
        try {
            String[] fields = Files.readString(file).trim().split(" ");
            return new Sample(true, Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return Sample.UNKNOWN;
        }
    }
}
