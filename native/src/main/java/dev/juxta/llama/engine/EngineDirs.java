package dev.juxta.llama.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Juxta's temporary folder for engines: {@code juxta.tmpdir}, by default
 * {@code <java.io.tmpdir>/juxta-<user>}. Engines run in it, so that a crashing engine's hs_err log
 * lands there and not in the user's folder.
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
}
