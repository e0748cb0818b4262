package dev.juxta.llama.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.ModelInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GgufReaderTest {
    private static final Path PLAIN = GgufTestSupport.sharedModel("stories260K.gguf");
    private static final Path CHATML = GgufTestSupport.sharedModel("stories260K-chatml.gguf");
    /** token_embd + output (64x512 each) + output_norm 64 + 5 layers of 45,440 (checked by hand). */
    private static final long STORIES_PARAMS = 2L * 64 * 512 + 64 + 5L * (64 * 64 * 2 + 64 * 32 * 2 + 3 * 64 * 172 + 2 * 64);

    @Test
    void readsStories260K() {
        ModelInfo info = ModelInfo.read(PLAIN);
        assertEquals(292_800L, STORIES_PARAMS);
        assertEquals(PLAIN, info.file());
        assertEquals("llama", info.architecture());
        assertEquals("stories260K", info.name()); // general.name in this file is "llama", its architecture
        assertEquals(STORIES_PARAMS, info.parameterCount());
        assertEquals("F32", info.quantization()); // no general.file_type: most bytes are F32
        assertEquals(2048, info.trainedContextLength());
        assertFalse(info.hasChatTemplate());
        assertEquals(1_185_376L, info.fileSize());
        assertEquals(5, info.layerCount());
        assertEquals(64, info.embeddingLength());
        assertEquals(8, info.headCount());
        assertEquals(4, info.headCountKv());
    }

    @Test
    void readsTheChatmlVariant() {
        ModelInfo info = GgufReader.readModelInfo(CHATML);
        assertEquals("stories260K-chatml", info.name());
        assertTrue(info.hasChatTemplate());
        assertEquals(1_185_632L, info.fileSize());
        assertEquals(STORIES_PARAMS, info.parameterCount());
        assertEquals(2048, info.trainedContextLength());
    }

    @Test
    void generalApiExposesMetadataAndTensorTable() {
        GgufFile f = GgufReader.read(PLAIN);
        assertEquals(3, f.version());
        assertEquals(32, f.alignment());
        assertEquals(14_176L, f.dataOffset());
        assertEquals("llama", f.getString("general.architecture"));
        assertEquals(2048L, f.getLong("llama.context_length"));
        assertEquals(1e-5, (Double) f.get("llama.attention.layer_norm_rms_epsilon"), 1e-9);
        List<?> tokens = (List<?>) f.metadata().get("tokenizer.ggml.tokens");
        assertEquals(512, tokens.size());
        assertEquals("<unk>", tokens.get(0));
        assertEquals(GgufValueType.FLOAT32, f.entries().get("tokenizer.ggml.scores").elementType());
        assertEquals(3 + 5 * 9, f.tensors().size());
        TensorInfo q = f.tensor("blk.0.attn_q.weight");
        assertEquals(GgmlType.F32, q.type());
        assertEquals(List.of(64L, 64L), q.dims());
        assertEquals(262_400L, q.offset());
        assertNull(f.tensor("nope"));
        assertEquals(STORIES_PARAMS, f.parameterCount());
        // the data section ends exactly at the end of the file
        TensorInfo last = f.tensors().get(f.tensors().size() - 1);
        assertEquals(f.fileSize(), f.dataOffset() + last.offset() + last.byteSize());
    }

    @Test
    void readingIsFast() {
        GgufReader.readModelInfo(PLAIN);
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            GgufReader.readModelInfo(i % 2 == 0 ? PLAIN : CHATML);
        }
        long perFileMs = (System.nanoTime() - t0) / 50 / 1_000_000;
        assertTrue(perFileMs < 20, "per file " + perFileMs + " ms");
    }

    @Test
    void fileTypeAndArchitectureTables() {
        assertEquals("Q4_K_M", FileTypes.name(15));
        assertEquals("Q4_0", FileTypes.name(2 | 1024));
        assertEquals("BF16", FileTypes.name(32));
        assertEquals("MXFP4_MOE", FileTypes.name(38));
        assertNull(FileTypes.name(4));
        assertEquals(2, FileTypes.id("Q4_0"));
        assertTrue(SupportedArchitectures.canGenerate("qwen2"));
        assertFalse(SupportedArchitectures.canGenerate("bert"));
        assertTrue(SupportedArchitectures.isKnown("bert"));
        assertTrue(SupportedArchitectures.canGenerate("qwen3"));
        assertEquals(18, GgmlType.Q4_0.typeSize());
        assertEquals(210, GgmlType.Q6_K.typeSize());
        assertNull(GgmlType.byId(4));
        assertEquals(17, GgmlType.byId(39).typeSize(), "MXFP4");
        assertNull(GgmlType.byId(43));
    }
}
