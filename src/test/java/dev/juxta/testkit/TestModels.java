package dev.juxta.testkit;

import dev.juxta.llama.SessionOptions;
import dev.juxta.testkit.gguf.RandomLlamaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real tiny models in {@code ../shared/models/} (system property {@code juxta.shared.dir}), and
 * a random-weight model of realistic size.
 */
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

    /**
     * A random-weight llama of realistic size (about 134M parameters, Q4_0), for what the tiny
     * models do too fast to see: reading a long prompt, batched kernels. Written once into
     * target/test-models and reused.
     */
    public static synchronized Path randomLlama134M() {
        Path file = Path.of("target", "test-models", "random-llama-134M-seed7.gguf").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            try {
                Files.createDirectories(file.getParent());
                Path part = Files.createTempFile(file.getParent(), "writing-", ".gguf");
                RandomLlamaModel.write(part, RandomLlamaModel.Shape.LLAMA_134M, 7);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
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
