package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ModelRef;
import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibilityCardsTest {
    private static final Path MODELS = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models");
    private static final ModelOptions RUNTIME = new ModelOptions(256, 4, 1, true);

    @Test
    void theCardOfTheChatModelHasItsHashTemplateAndRuntime() throws Exception {
        Path file = MODELS.resolve("stories260K-chatml.gguf");
        ReproducibilityCard card = new ReproducibilityCards().cardOf(ModelRef.of(ModelInfo.read(file)), RUNTIME);
        assertEquals(sha256sum(file), card.sha256());
        assertEquals("stories260K-chatml.gguf", card.fileName());
        assertEquals(Files.size(file), card.sizeBytes());
        assertEquals("llama", card.architecture());
        assertTrue(card.chatTemplate().contains("<|im_start|>"), card.chatTemplate());
        assertEquals(LlamaBridge.LLAMA_CPP_RELEASE, card.llamaCppVersion());
        assertEquals(1, card.threads());
        assertEquals(256, card.contextLength());
        assertTrue(card.reproducible());
    }

    @Test
    void aModelWithoutTemplateSaysSo() throws Exception {
        Path file = MODELS.resolve("stories260K.gguf");
        ReproducibilityCard card = new ReproducibilityCards().cardOf(ModelRef.of(ModelInfo.read(file)), RUNTIME);
        assertNull(card.chatTemplate());
        assertEquals(sha256sum(file), card.sha256());
    }

    /** Hashing gigabytes again for every export would take seconds; a changed file must be hashed again. */
    @Test
    void theHashIsKeptUntilTheFileChanges(@TempDir Path dir) throws Exception {
        Path file = Files.copy(MODELS.resolve("stories260K.gguf"), dir.resolve("model.gguf"));
        FileTime modified = Files.getLastModifiedTime(file);
        ModelRef model = ModelRef.of(ModelInfo.read(file));
        ReproducibilityCards cards = new ReproducibilityCards();
        String first = cards.cardOf(model, RUNTIME).sha256();

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1; // a tensor's last byte: still a valid GGUF file of the same size
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);
        assertEquals(first, cards.cardOf(model, RUNTIME).sha256(), "same path, size and time: the hash kept");

        Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 2000));
        String changed = cards.cardOf(model, RUNTIME).sha256();
        assertNotEquals(first, changed);
        assertEquals(sha256sum(file), changed);
    }

    /** The system's own sha256sum, so the check does not repeat the code it checks. */
    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
        return out.substring(0, 64);
    }
}
