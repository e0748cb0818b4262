package dev.juxta.llama.gguf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared helpers for the gguf tests: the shared test models and running a child JVM. */
final class GgufTestSupport {
    private GgufTestSupport() {}

    /** A model from the shared models folder (system property juxta.shared.dir, else ../shared). */
    static Path sharedModel(String name) {
        String dir = System.getProperty("juxta.shared.dir", "../shared");
        Path p = Path.of(dir, "models", name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test model missing: " + p);
        }
        return p;
    }

    /** Exit code and combined output of a child process. */
    record ChildResult(int exitCode, String output) {}

    /** Runs {@code main} in a child JVM with the test class path; kills it after {@code timeoutSec}. */
    static ChildResult runChild(Class<?> main, long timeoutSec, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("juxta-child-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new ChildResult(-1, "TIMEOUT\n" + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
            return new ChildResult(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
