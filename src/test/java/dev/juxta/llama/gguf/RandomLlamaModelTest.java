package dev.juxta.llama.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.engine.NativeProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
