package dev.juxta.llama.gguf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.ModelInfo;
import dev.juxta.testkit.gguf.GgufWriter;
import dev.juxta.testkit.gguf.RandomLlamaModel;
import dev.juxta.testkit.gguf.SyntheticVocab;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file is refused with a LlamaException naming the file and the problem. */
class GgufRefusalTest {
    private static final Path PLAIN = GgufTestSupport.sharedModel("stories260K.gguf");

    @TempDir
    Path dir;

    private static void assertRefused(Path file, String reason) {
        LlamaException e = assertThrows(LlamaException.class, () -> ModelInfo.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }

    private Path patched(String name, Consumer<ByteBuffer> patch) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(PLAIN)).order(ByteOrder.LITTLE_ENDIAN);
        patch.accept(b);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private Path tiny(String name, Consumer<GgufWriter> tweak) {
        GgufWriter w = RandomLlamaModel.prepare(RandomLlamaModel.Shape.TINY);
        tweak.accept(w);
        Path f = dir.resolve(name);
        w.write(f, RandomLlamaModel.data(1));
        return f;
    }

    /** Position just after the first occurrence of {@code s} in the header. */
    private static int after(ByteBuffer b, String s) {
        byte[] needle = s.getBytes(StandardCharsets.UTF_8);
        byte[] all = b.array();
        for (int i = 0; i < 20_000; i++) {
            if (Arrays.equals(all, i, i + needle.length, needle, 0, needle.length)) {
                return i + needle.length;
            }
        }
        throw new AssertionError(s + " not found");
    }

    @Test
    void missingFile() {
        assertRefused(dir.resolve("nope.gguf"), "file not found");
    }

    @Test
    void directory() {
        assertRefused(dir, "is a directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertRefused(Files.createFile(dir.resolve("empty.gguf")), "empty file");
    }

    @Test
    void zipAndTextFiles() throws IOException {
        Path zip = Files.write(dir.resolve("model.gguf"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertRefused(zip, "not a GGUF file (starts with 'PK\\x03\\x04')");
        Path txt = Files.writeString(dir.resolve("notes.gguf"), "hello world");
        assertRefused(txt, "not a GGUF file (starts with 'hell')");
        assertRefused(Files.writeString(dir.resolve("gg.gguf"), "GG"), "not a GGUF file");
    }

    @Test
    void truncatedToHalf() throws IOException {
        byte[] all = Files.readAllBytes(PLAIN);
        Path f = Files.write(dir.resolve("half.gguf"), Arrays.copyOf(all, all.length / 2));
        assertRefused(f, "truncated: tensor '");
        assertRefused(f, "but the file has " + all.length / 2 + " bytes");
        Path header = Files.write(dir.resolve("head.gguf"), Arrays.copyOf(all, 5000));
        assertRefused(header, "truncated: the file ends at byte 5000");
    }

    @Test
    void unsupportedVersion() throws IOException {
        assertRefused(patched("v7.gguf", b -> b.putInt(4, 7)), "unsupported GGUF version 7");
        assertRefused(patched("v1.gguf", b -> b.putInt(4, 1)), "GGUF version 1 is no longer supported");
    }

    @Test
    void hugeStringLength() throws IOException {
        // the first metadata key's length field is at offset 24
        Path f = patched("hugestr.gguf", b -> b.putLong(24, 9_000_000_000_000_000_000L));
        assertRefused(f, "string length 9000000000000000000 at offset 24 exceeds the file");
        Path neg = patched("negstr.gguf", b -> b.putLong(24, -1L));
        assertRefused(neg, "string length 18446744073709551615 at offset 24 exceeds the file");
    }

    @Test
    void hugeArrayLength() throws IOException {
        // "tokenizer.ggml.tokens" is the first key; then value type (4), element type (4), count (8)
        Path f = patched("hugearr.gguf", b -> b.putLong(after(b, "tokenizer.ggml.tokens") + 8, 1L << 40));
        assertRefused(f, "array of 1099511627776 STRING elements at offset");
        assertRefused(f, "exceeds the file");
    }

    @Test
    void countsBeyondTheFile() throws IOException {
        assertRefused(patched("tensors.gguf", b -> b.putLong(8, 900_000)), "tensor count 900000 exceeds the file");
        assertRefused(patched("kvs.gguf", b -> b.putLong(16, 99_999)), "metadata entry count 99999 exceeds the file");
        assertRefused(patched("kvs2.gguf", b -> b.putLong(16, 1L << 50)), "metadata entry count 1125899906842624 is implausible");
    }

    @Test
    void unknownValueAndTensorTypes() throws IOException {
        assertRefused(patched("vtype.gguf", b -> b.putInt(after(b, "tokenizer.ggml.tokens"), 13)), "unknown value type 13");
        // output_norm.weight: name, n_dims (4), dim (8), then the ggml type
        assertRefused(patched("ttype.gguf", b -> b.putInt(after(b, "output_norm.weight") + 12, 4)),
                "tensor 'output_norm.weight' has unknown ggml type 4");
        assertRefused(patched("ndims.gguf", b -> b.putInt(after(b, "output_norm.weight"), 5)),
                "tensor 'output_norm.weight' has 5 dimensions");
        assertRefused(patched("dim0.gguf", b -> b.putLong(after(b, "output_norm.weight") + 4, 0)),
                "dimension 0 is 0");
    }

    @Test
    void unsupportedAndEmbeddingArchitectures() {
        assertRefused(tiny("foo.gguf", w -> w.putString("general.architecture", "foo")),
                "architecture 'foo' is not supported by this llama.cpp build");
        assertRefused(tiny("bert.gguf", w -> w.putString("general.architecture", "bert")),
                "architecture 'bert' is an embedding model: it turns text into vectors and can't generate text");
        assertRefused(tiny("noarch.gguf", w -> w.remove("general.architecture")),
                "missing metadata key 'general.architecture'");
    }

    @Test
    void requiredHyperparameters() {
        assertRefused(tiny("noblocks.gguf", w -> w.remove("llama.block_count")), "missing metadata key 'llama.block_count'");
        assertRefused(tiny("noctx.gguf", w -> w.remove("llama.context_length")), "missing metadata key 'llama.context_length'");
        assertRefused(tiny("zeroheads.gguf", w -> w.putUInt32("llama.attention.head_count", 0)),
                "'llama.attention.head_count' must be positive, is 0");
        assertRefused(tiny("strembd.gguf", w -> w.putString("llama.embedding_length", "64")),
                "'llama.embedding_length' must be a non-negative integer");
    }

    @Test
    void alignment() throws IOException {
        assertRefused(tiny("align33.gguf", w -> w.putUInt32("general.alignment", 33)),
                "general.alignment 33 is not a power of two");
        assertRefused(tiny("alignf.gguf", w -> w.putFloat32("general.alignment", 32)),
                "general.alignment must be of type UINT32");
        // output_norm.weight data offset: after name, n_dims (4), dim (8), type (4)
        assertRefused(patched("misaligned.gguf", b -> {
            int at = after(b, "output_norm.weight") + 16;
            b.putLong(at, b.getLong(at) + 4);
        }), "tensor 'output_norm.weight' offset 131076 is not a multiple of the alignment 32");
        assertRefused(patched("overlap.gguf", b -> {
            int at = after(b, "output_norm.weight") + 16;
            b.putLong(at, b.getLong(at) - 32);
        }), "tensor 'output_norm.weight' has offset 131040, expected 131072 (it overlaps the previous tensor)");
    }

    @Test
    void tensorOutOfBounds() throws IOException {
        Path f = patched("oob.gguf", b -> b.putLong(after(b, "blk.4.ffn_norm.weight") + 16, 1L << 40));
        assertRefused(f, "tensor 'blk.4.ffn_norm.weight' data ends at byte 1099511642208 but the file has 1185376 bytes");
    }

    @Test
    void inconsistentTokenizerAndShapes() {
        assertRefused(tiny("scores.gguf", w -> w.putArray("tokenizer.ggml.scores", GgufValueType.FLOAT32, java.util.List.of(1f, 2f))),
                "'tokenizer.ggml.scores' must be an array of 512 FLOAT32");
        assertRefused(tiny("ttypes.gguf", w -> w.putArray("tokenizer.ggml.token_type", GgufValueType.UINT8, java.util.List.of(1))),
                "'tokenizer.ggml.token_type' must be an array of 512 INT32");
        assertRefused(tiny("vocabsize.gguf", w -> w.putUInt32("llama.vocab_size", 600)),
                "'llama.vocab_size' is 600 but the tokenizer has 512 tokens");
        assertRefused(tiny("embd.gguf", w -> w.putUInt32("llama.embedding_length", 32)),
                "tensor 'token_embd.weight' has shape [64, 512], expected [32, 512]");
        assertRefused(tiny("layers.gguf", w -> w.putUInt32("llama.block_count", 1)),
                "tensor 'blk.1.attn_norm.weight' does not belong to any of the 1 layers");
        java.util.List<String> dup = new java.util.ArrayList<>(new SyntheticVocab(512).tokens());
        dup.set(300, dup.get(301));
        assertRefused(tiny("duptok.gguf", w -> w.putArray("tokenizer.ggml.tokens", GgufValueType.STRING, dup)),
                "tokens 300 and 301 are both");
        java.util.List<String> nobyte = new java.util.ArrayList<>(new SyntheticVocab(512).tokens());
        nobyte.set(3 + 0x15, "<px15>");
        assertRefused(tiny("nobyte.gguf", w -> w.putArray("tokenizer.ggml.tokens", GgufValueType.STRING, nobyte)),
                "token 24 '<px15>' is of type BYTE but not of the form <0xXX>");
        assertRefused(tiny("addbos.gguf", w -> w.putString("tokenizer.ggml.model", "t5").remove("tokenizer.ggml.bos_token_id")),
                "tokenizer.ggml.add_bos_token is set but the model has no valid BOS token");
        assertRefused(tiny("notok.gguf", w -> w.remove("tokenizer.ggml.model")),
                "missing metadata key 'tokenizer.ggml.model'");
        assertRefused(tiny("sp.gguf", w -> w.putString("tokenizer.ggml.model", "sentencepiece")),
                "tokenizer model 'sentencepiece' is not supported");
        // Gemma 4's files name their own BPE tokenizer; they carry explicit BOS/EOS ids
        ModelInfo.read(tiny("gemma4tok.gguf", w -> w.putString("tokenizer.ggml.model", "gemma4")));
        assertRefused(tiny("gemma4bos.gguf", w -> w.putString("tokenizer.ggml.model", "gemma4").remove("tokenizer.ggml.bos_token_id")),
                "tokenizer.ggml.add_bos_token is set but the model has no valid BOS token");
    }
}
