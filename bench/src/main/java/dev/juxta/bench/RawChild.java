package dev.juxta.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RawBindingBench} in a separate JVM (the raw binding can crash or hang a JVM), with the
 * same JVM flags as Juxta's engine process, and reads its {@code RAW} lines back.
 */
final class RawChild {
    private static final long TIMEOUT_MINUTES = 6;

    private RawChild() {
    }

    static Figures run(Workload w, Path workDir, String label) throws IOException, InterruptedException {
        Path workload = workDir.resolve("workload-" + label + ".properties");
        Path nativeDir = Files.createTempDirectory(workDir, "raw-native-");
        Path log = workDir.resolve("raw-" + label + ".log");
        w.save(workload);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), RawBindingBench.class.getName(),
                workload.toString(), nativeDir.toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Figures figures = new Figures();
        String error = null;
        boolean done = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
                try {
                    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            });
            for (String line; (line = in.readLine()) != null; ) {
                int at = line.indexOf(RawBindingBench.PREFIX);
                int eq = line.indexOf('=', Math.max(at, 0));
                if (at < 0 || eq < 0) {
                    continue; // the binding's own output
                }
                String key = line.substring(at + RawBindingBench.PREFIX.length(), eq).trim();
                String value = line.substring(eq + 1).trim();
                switch (key) {
                    case "done" -> done = true;
                    case "error" -> error = value;
                    default -> figures.put(key, Double.parseDouble(value));
                }
            }
            watchdog.interrupt();
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            deleteTree(nativeDir);
        }
        if (!done) {
            System.err.println("bench: the raw-binding child for " + label + " did not finish (exit "
                    + process.exitValue() + (error != null ? ", " + error : "") + "); its log: " + log);
        }
        return figures;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
