package dev.juxta.reliability;

import dev.juxta.stress.Procs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends signals to processes and waits for them to be gone (reaped, not zombies). */
final class Signals {
    private Signals() {
    }

    static void send(String signal, long pid) {
        if (signal.equals("KILL")) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            return;
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the pid is gone within {@code millis}: no /proc entry at all, so not a zombie either. */
    static boolean goneWithin(long pid, long millis) {
        return Procs.await(millis, () -> Procs.state(pid) == 0);
    }

    /** Removes the JVM crash log a SIGSEGV'd engine leaves in the working directory (see FilesAndProcessesTest). */
    static void removeCrashLog(long pid) {
        try {
            Files.deleteIfExists(Path.of("hs_err_pid" + pid + ".log").toAbsolutePath());
        } catch (IOException e) {
            // best effort
        }
    }
}
