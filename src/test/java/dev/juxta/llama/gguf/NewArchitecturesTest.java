package dev.juxta.llama.gguf;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.gguf.RandomArchitecture;
import dev.juxta.testkit.gguf.RandomLlamaModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Architectures llama.cpp gained after b4916 load and stream through the real engine, with their templates. */
class NewArchitecturesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RandomArchitecture.class, names = {"QWEN3", "SMOLLM3"})
    void aRandomModelLoadsAndStreamsAChatWithASystemPrompt(RandomArchitecture arch) {
        Path file = dir.resolve(arch.id() + ".gguf");
        RandomLlamaModel.write(file, RandomLlamaModel.Shape.TINY.with(arch), 5);
        try (LlamaEngine engine = LlamaEngine.load(file, ModelOptions.defaults().withContextLength(256).withMaxSessions(2));
             LlamaSession session = engine.createSession("new", greedy(12).withSystemPrompt("Be brief.").withIgnoreEndOfText(true))) {
            RecordingStream first = RecordingStream.completed(session, "Hello there");
            RecordingStream second = RecordingStream.completed(session, "And again");

            assertEquals("complete", first.last(), first.events.toString());
            assertEquals("complete", second.last(), second.events.toString());
            assertEquals(12, session.lastStats().generatedTokens());
            assertTrue(session.lastStats().cachedTokens() > 0, "turn 2 continues turn 1's sequence");
        }
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedNamingTheModel() {
        Path file = dir.resolve("broken-template.gguf");
        RandomLlamaModel.prepare(RandomLlamaModel.Shape.TINY.with(RandomArchitecture.QWEN3))
                .putString("tokenizer.chat_template", "{% for message in messages %}{{ message.content }")
                .write(file, RandomLlamaModel.data(1));

        LlamaException e = assertThrows(LlamaException.class,
                () -> LlamaEngine.load(file, ModelOptions.defaults().withContextLength(256).withMaxSessions(1)).close());
        assertTrue(e.getMessage().contains("broken-template.gguf"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("template"), e.getMessage());
    }
}
