package dev.juxta.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Linux /proc readings: resident memory, command lines, engine processes. */
public final class Procs {
    /** Markers of an engine process's command line (the java launcher or the app's own launcher). */
    public static final List<String> ENGINE_MARKERS = List.of("dev.juxta.llama.engine.EngineMain", "--juxta-engine");

    private Procs() {
    }

    /** A field of /proc/self/status in kB (VmRSS, VmHWM), or -1. */
    public static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    public static long selfRssKb() {
        return statusKb(ProcessHandle.current().pid(), "VmRSS");
    }

    public static long selfPeakRssKb() {
        return statusKb(ProcessHandle.current().pid(), "VmHWM");
    }

    /** The process's command line with NULs turned into spaces, or "" when it is gone. */
    public static String cmdline(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The state letter of /proc/pid/stat (R, S, D, Z, ...), or 0 when the pid does not exist. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return stat.charAt(close + 2);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static boolean isEngine(String cmdline) {
        return ENGINE_MARKERS.stream().anyMatch(cmdline::contains);
    }

    /** Engine processes among this JVM's descendants. */
    public static List<Long> engineDescendants() {
        return ProcessHandle.current().descendants()
                .filter(p -> isEngine(cmdline(p.pid())))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Every process on the machine whose command line is an engine's and contains {@code marker}. */
    public static List<Long> enginesWith(String marker) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String cmd = cmdline(pid);
                if (isEngine(cmd) && cmd.contains(marker)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** Polls until {@code condition} holds or {@code millis} pass; returns whether it held. */
    public static boolean await(long millis, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
