package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** Point 9: bad input is refused in Java, with the file or option and the reason, before native code. */
class ValidationTest {
    @TempDir
    Path dir;

    private static void refused(Executable action, String... words) {
        LlamaException e = assertThrows(LlamaException.class, action);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "'" + e.getMessage() + "' should name '" + word + "'");
        }
    }

    private static void refusedFile(Path file, String reason) {
        refused(() -> LlamaEngine.load(file, ModelOptions.defaults()), file.getFileName().toString(), reason);
        refused(() -> LlamaBridge.initGenerateModel(file.toString()), file.getFileName().toString(), reason);
    }

    @Test
    void badModelFilesAreRefusedWithTheFileAndTheReason() throws IOException {
        refusedFile(dir.resolve("missing.gguf"), "not found");
        refusedFile(Files.createDirectory(dir.resolve("folder.gguf")), "directory");
        refusedFile(Files.createFile(dir.resolve("empty.gguf")), "empty");
        refusedFile(Files.writeString(dir.resolve("notes.gguf"), "just some text, not a model"), "not a GGUF");
        byte[] model = Files.readAllBytes(TestModels.stories());
        refusedFile(Files.write(dir.resolve("half.gguf"), Arrays.copyOf(model, model.length / 2)), "truncated");
    }

    @Test
    void anArchitectureTheEngineCannotRunIsRefused() throws IOException {
        byte[] model = Files.readAllBytes(TestModels.stories());
        byte[] key = "general.architecture".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(model, key) + key.length + 4 + 8;
        byte[] renamed = model.clone();
        System.arraycopy("zzzzz".getBytes(StandardCharsets.US_ASCII), 0, renamed, at, 5);
        refusedFile(Files.write(dir.resolve("alien.gguf"), renamed), "zzzzz");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void badSessionOptionsNameTheOption() {
        SessionOptions d = SessionOptions.defaults();
        refused(() -> d.withTemperature(-1), "temperature", ">= 0");
        refused(() -> d.withMaxTokens(0), "maxTokens", ">= 1");
        refused(() -> d.withTopP(0), "topP");
        refused(() -> d.withTopK(-1), "topK");
        refused(() -> d.withRepeatPenalty(0), "repeatPenalty");
        refused(() -> d.withSeed(-2), "seed");
        refused(() -> d.withTemperature(Double.NaN), "temperature");
    }

    @Test
    void badModelOptionsNameTheOption() {
        ModelOptions d = ModelOptions.defaults();
        refused(() -> d.withThreads(0), "threads", ">= 1");
        refused(() -> d.withMaxSessions(0), "maxSessions");
        refused(() -> d.withContextLength(8), "contextLength");
        refused(() -> LlamaEngine.load(TestModels.stories(), d.withContextLength(4096)),
                "contextLength 4096", "trained context", "stories260K.gguf");
    }

    @Test
    void aLoadThatWouldNotFitInMemoryIsRefusedWithTheEstimate() {
        ModelInfo model = ModelInfo.read(TestModels.stories());
        refused(() -> MemoryCheck.requireFits(model, 2048, 64, 16L * 1024 * 1024),
                "stories260K.gguf", "64 sessions of 2048 tokens", "needs about", "KV cache", "available");
        MemoryCheck.requireFits(model, 512, 1, 16L * 1024 * 1024 * 1024);
    }

    /** The engine runs in another folder: a model given by a path relative to the app's folder must still load. */
    @Test
    void aModelGivenByARelativePathLoads() {
        Path relative = Path.of("").toAbsolutePath().relativize(TestModels.stories());
        try (LlamaEngine engine = LlamaEngine.load(relative, ModelOptions.defaults().withMaxSessions(1))) {
            assertTrue(engine.engineProcessId() > 0);
        }
    }
}
