package dev.juxta.testkit;

import dev.juxta.llama.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real tiny models in {@code ../shared/models/} (system property {@code juxta.shared.dir}). */
public final class TestModels {
    private TestModels() {
    }

    public static Path sharedDir() {
        return Path.of(System.getProperty("juxta.shared.dir", "../shared")).toAbsolutePath().normalize();
    }

    /** stories260K: llama, no chat template, continues plain text. */
    public static Path stories() {
        return existing("stories260K.gguf");
    }

    /** The same weights with a ChatML template. */
    public static Path storiesChatml() {
        return existing("stories260K-chatml.gguf");
    }

    /** Greedy sampling (temperature 0): the same transcript always gives the same answer. */
    public static SessionOptions greedy(int maxTokens) {
        return SessionOptions.defaults().withTemperature(0).withMaxTokens(maxTokens);
    }

    private static Path existing(String name) {
        Path path = sharedDir().resolve("models").resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Test model missing: " + path + " (set -Djuxta.shared.dir)");
        }
        return path;
    }
}
