package dev.juxta.llama.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.ModelInfo;
import dev.juxta.testkit.gguf.RandomArchitecture;
import dev.juxta.testkit.gguf.RandomLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import dev.juxta.llama.engine.NativeProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomLlamaModelTest {
    @TempDir
    Path dir;

    @Test
    void tinyModelPassesTheReader() throws Exception {
        Path f = dir.resolve("tiny.gguf");
        RandomLlamaModel.write(f, RandomLlamaModel.Shape.TINY, 1);
        ModelInfo info = GgufReader.readModelInfo(f);
        assertEquals("llama", info.architecture());
        assertEquals("random-llama-tiny", info.name());
        assertEquals("Q4_0", info.quantization());
        assertEquals(256, info.trainedContextLength());
        assertEquals(2, info.layerCount());
        assertEquals(64, info.embeddingLength());
        assertEquals(4, info.headCount());
        assertEquals(Files.size(f), info.fileSize());
        // 2 x 64x512 + 64 + 2 x (2x64 + 4x64x64 + 3x64x128)
        assertEquals(2L * 64 * 512 + 64 + 2L * (2 * 64 + 4 * 64 * 64 + 3 * 64 * 128), info.parameterCount());

        GgufFile g = GgufReader.read(f);
        List<?> tokens = (List<?>) g.get("tokenizer.ggml.tokens");
        assertEquals(512, tokens.size());
        assertEquals(512, new HashSet<>(tokens).size(), "tokens are unique");
        assertEquals("<0x0A>", tokens.get(3 + 10));
        assertEquals(6L, ((List<?>) g.get("tokenizer.ggml.token_type")).get(3 + 10));
        assertEquals(List.of(64L, 128L), g.tensor("blk.1.ffn_gate.weight").dims());
        assertEquals(List.of(128L, 64L), g.tensor("blk.1.ffn_down.weight").dims());
        assertEquals(0, g.dataOffset() % 32);
    }

    @ParameterizedTest
    @EnumSource(RandomArchitecture.class)
    void everyArchitecturePassesTheReaderAndValidator(RandomArchitecture arch) throws Exception {
        Path f = dir.resolve(arch.id() + ".gguf");
        RandomLlamaModel.write(f, RandomLlamaModel.Shape.TINY.with(arch), 2);
        ModelInfo info = GgufReader.readModelInfo(f);
        assertEquals(arch.id(), info.architecture());
        assertEquals("random-" + arch.id() + "-tiny", info.name());
        assertEquals(arch != RandomArchitecture.LLAMA, info.hasChatTemplate());

        GgufFile g = GgufReader.read(f);
        assertEquals(64L, g.getLong(arch.id() + ".embedding_length"));
        assertEquals(16L, g.getLong(arch.id() + ".rope.dimension_count"));
        boolean qkNorm = arch == RandomArchitecture.QWEN3;
        for (String norm : List.of("blk.1.attn_q_norm.weight", "blk.1.attn_k_norm.weight")) {
            TensorInfo t = g.tensor(norm);
            assertEquals(qkNorm, t != null, norm);
            if (t != null) {
                assertEquals(List.of(16L), t.dims(), "one weight per head dimension");
                assertEquals(GgmlType.F32, t.type());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = RandomArchitecture.class, names = {"QWEN3", "SMOLLM3"})
    void chatMlModelsHaveTheTemplatesControlTokens(RandomArchitecture arch) throws Exception {
        Path f = dir.resolve(arch.id() + "-chatml.gguf");
        RandomLlamaModel.write(f, RandomLlamaModel.Shape.TINY.with(arch), 3);
        GgufFile g = GgufReader.read(f);
        String template = (String) g.get("tokenizer.chat_template");
        assertTrue(template.contains("<|im_start|>") && template.contains("<|im_end|>"), template);
        List<?> tokens = (List<?>) g.get("tokenizer.ggml.tokens");
        List<?> types = (List<?>) g.get("tokenizer.ggml.token_type");
        assertEquals(List.of("<|im_start|>", "<|im_end|>"), tokens.subList(510, 512));
        assertEquals(List.of(3L, 3L), types.subList(510, 512), "control tokens");
        assertEquals(512, new HashSet<>(tokens).size(), "tokens are unique");
        assertEquals(511L, g.getLong("tokenizer.ggml.eos_token_id"), "a reply ends at <|im_end|>");
        assertEquals(false, g.get("tokenizer.ggml.add_bos_token"));
    }

    @ParameterizedTest
    @EnumSource(RandomArchitecture.class)
    void theRealisticSizeHasAbout134MParameters(RandomArchitecture arch) {
        long params = RandomLlamaModel.prepare(RandomLlamaModel.Shape.LLAMA_134M.with(arch)).tensors().stream()
                .mapToLong(TensorInfo::elementCount).sum();
        assertTrue(params > 133_000_000 && params < 135_000_000, arch + ": " + params);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        Path a = dir.resolve("a.gguf");
        Path b = dir.resolve("b.gguf");
        Path c = dir.resolve("c.gguf");
        RandomLlamaModel.write(a, RandomLlamaModel.Shape.TINY, 5);
        RandomLlamaModel.write(b, RandomLlamaModel.Shape.TINY, 5);
        RandomLlamaModel.write(c, RandomLlamaModel.Shape.TINY, 6);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertTrue(Files.mismatch(a, c) > 0);
    }

    @Test
    void scalesAreSaneFp16() throws Exception {
        Path f = dir.resolve("s.gguf");
        RandomLlamaModel.write(f, RandomLlamaModel.Shape.TINY, 3);
        GgufFile g = GgufReader.read(f);
        TensorInfo q = g.tensor("blk.0.attn_q.weight");
        byte[] all = Files.readAllBytes(f);
        int start = (int) (g.dataOffset() + q.offset());
        for (int blk = 0; blk < q.byteSize() / 18; blk++) {
            int at = start + blk * 18;
            short h = (short) ((all[at] & 0xFF) | (all[at + 1] & 0xFF) << 8);
            float d = Float.float16ToFloat(h);
            assertTrue(d >= 0.002f && d < 0.0061f, "scale " + d + " in block " + blk);
        }
    }

    @Test
    void tinyModelLoadsAndGeneratesThroughTheJniLayer() throws Exception {
        Path f = dir.resolve("tiny-run.gguf");
        RandomLlamaModel.write(f, RandomLlamaModel.Shape.TINY, 11);
        GgufTestSupport.ChildResult r = GgufTestSupport.runChild(NativeProbe.class, 120, f.toString(), "8");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("TOKENS 8"), r.output());
        // llama.cpp's own counters: the prompt, then each generated token but the last (sampled, not decoded)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("DECODED (\\d+) PROMPT (\\d+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertEquals(Integer.parseInt(m.group(2)) + 7, Integer.parseInt(m.group(1)), r.output());
    }
}
