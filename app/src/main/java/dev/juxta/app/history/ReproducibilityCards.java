package dev.juxta.app.history;

import dev.juxta.app.chat.ModelRef;
import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.gguf.GgufFile;
import dev.juxta.llama.gguf.GgufReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes reproducibility cards: hashes the model file and reads its metadata. Blocking file I/O,
 * for the executor's threads; safe from any thread. Model files are gigabytes, so what a file says
 * is kept for as long as its path, size and modification time stay the same.
 */
public final class ReproducibilityCards {
    private final Map<FileVersion, FileFacts> facts = new ConcurrentHashMap<>();

    private record FileVersion(Path file, long size, Instant modified) {
    }

    private record FileFacts(String sha256, String architecture, String chatTemplate) {
    }

    /** {@code runtime}: the pane's engine options, the context resolved to the tokens its session had. */
    public ReproducibilityCard cardOf(ModelRef model, ModelOptions runtime) {
        FileFacts file = facts.computeIfAbsent(versionOf(model.file()), ReproducibilityCards::read);
        return new ReproducibilityCard(model.file(), model.sizeBytes(), file.sha256(), model.quantization(), model.name(),
                file.architecture(), file.chatTemplate(), LlamaBridge.LLAMA_CPP_RELEASE, runtime.threads(),
                runtime.contextLength(), runtime.reproducible());
    }

    private static FileVersion versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileVersion(file.toAbsolutePath(), attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileFacts read(FileVersion version) {
        GgufFile gguf = GgufReader.read(version.file());
        return new FileFacts(sha256(version.file()), gguf.getString("general.architecture"),
                gguf.getString("tokenizer.chat_template"));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hash the model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
