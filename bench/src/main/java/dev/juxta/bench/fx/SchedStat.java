package dev.juxta.bench.fx;

import dev.juxta.bench.ThreadCpu;
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

    /** The thread's /proc directory; null where there is none. */
    private final Path taskDir;

    private SchedStat(Path taskDir) {
        this.taskDir = taskDir;
    }

    /** The calling thread's figures, readable from any thread afterwards. */
    static SchedStat ofCurrentThread() {
        try {
            // /proc/thread-self links to PID/task/TID, which stays this thread's directory.
            return new SchedStat(Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))));
        } catch (IOException | UnsupportedOperationException e) {
            return NONE;
        }
    }

    /** The first of this process's threads whose name starts with {@code prefix}; NONE if none. */
    static SchedStat ofThreadNamed(String prefix) {
        return ThreadCpu.tasks(ProcessHandle.current().pid()).stream()
                .filter(task -> task.name().startsWith(prefix))
                .findFirst().map(task -> new SchedStat(task.dir())).orElse(NONE);
    }

    Sample read() {
        if (taskDir == null) {
            return Sample.UNKNOWN;
        }
        try {
            long[] stat = ThreadCpu.schedstat(taskDir);
            return new Sample(true, stat[0], stat[1]);
        } catch (IOException | RuntimeException e) {
            return Sample.UNKNOWN;
        }
    }
}
