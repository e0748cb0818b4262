package dev.juxta.llama.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Juxta's temporary folder for engines: {@code juxta.tmpdir}, by default
 * {@code <java.io.tmpdir>/juxta-<user>}. Each engine extracts the native library into a private
 * folder inside it, because the binding deletes every {@code llama*} file in its extraction folder.
 */
final class EngineDirs {
    private EngineDirs() {
    }

    static Path base() {
        String configured = System.getProperty("juxta.tmpdir");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "juxta-" + System.getProperty("user.name"));
    }

    /** {@link #base()}, created if needed. */
    static Path createdBase() throws IOException {
        return Files.createDirectories(base());
    }

    static Path newNativeDir() {
        return base().resolve("engine-" + UUID.randomUUID());
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("juxta: could not delete " + dir + ": " + e);
        }
    }
}
