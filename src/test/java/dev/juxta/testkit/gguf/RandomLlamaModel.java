package dev.juxta.testkit.gguf;

import dev.juxta.llama.gguf.FileTypes;
import dev.juxta.llama.gguf.GgmlType;
import dev.juxta.llama.gguf.GgufValueType;
import dev.juxta.llama.gguf.TensorInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a GGUF model of one of the {@link RandomArchitecture}s with random weights (Q4_0 matrices, F32
 * norms) and a synthetic byte-fallback vocabulary, which llama.cpp loads and runs. Its speed is that
 * of a real model of the same shape; its output is gibberish.
 */
public final class RandomLlamaModel {

    /**
     * A model shape. Matrix input dimensions ({@code nEmbd}, {@code nFf}) must be multiples of 32.
     *
     * @param architecture what the file says it is, and the tensors and tokens that come with that
     * @param size         a label for general.name, which is "random-ARCHITECTURE-SIZE"
     * @param nEmbd        embedding length
     * @param nLayer       block count
     * @param nHead        attention heads
     * @param nHeadKv      key/value heads (divides nHead)
     * @param nFf          feed-forward length
     * @param nVocab       vocabulary size (at least 260, plus 2 for ChatML's tokens)
     * @param nCtx         trained context length
     */
    public record Shape(RandomArchitecture architecture, String size, int nEmbd, int nLayer, int nHead, int nHeadKv,
                        int nFf, int nVocab, int nCtx) {
        /** About 134M parameters: 768 x 12 layers, 12 heads, ff 2048, vocab 32000, context 2048. */
        public static final Shape LLAMA_134M =
                new Shape(RandomArchitecture.LLAMA, "134M", 768, 12, 12, 12, 2048, 32000, 2048);
        /** A tiny model for tests: 64 x 2 layers, 4 heads, ff 128, vocab 512, context 256. */
        public static final Shape TINY = new Shape(RandomArchitecture.LLAMA, "tiny", 64, 2, 4, 4, 128, 512, 256);

        /** Validates the shape. */
        public Shape {
            if (nEmbd % 32 != 0 || nFf % 32 != 0 || nEmbd % nHead != 0 || nHead % nHeadKv != 0
                    || nLayer < 1 || nVocab < 260 || nCtx < 1) {
                throw new IllegalArgumentException("invalid shape " + architecture.id() + "-" + size);
            }
        }

        /** The same dimensions in another architecture. */
        public Shape with(RandomArchitecture other) {
            return new Shape(other, size, nEmbd, nLayer, nHead, nHeadKv, nFf, nVocab, nCtx);
        }

        /** general.name. */
        public String name() {
            return "random-" + architecture.id() + "-" + size;
        }

        int headDim() {
            return nEmbd / nHead;
        }
    }

    private RandomLlamaModel() {}

    /** Writes a random model of {@code shape} to {@code out}, deterministic for a given {@code seed}. */
    public static void write(Path out, Shape shape, long seed) {
        prepare(shape).write(out, data(seed));
    }

    /** A writer holding the metadata and tensor table of {@code shape}, for callers that tweak it. */
    public static GgufWriter prepare(Shape shape) {
        GgufWriter w = new GgufWriter(32);
        putHyperparameters(w, shape);
        putTokenizer(w, shape);
        addTensors(w, shape);
        return w;
    }

    private static void putHyperparameters(GgufWriter w, Shape shape) {
        String a = shape.architecture().id();
        w.putString("general.architecture", a).putString("general.name", shape.name())
                .putUInt32("general.file_type", FileTypes.id("Q4_0"))
                .putUInt32("general.quantization_version", 2)
                .putUInt32(a + ".context_length", shape.nCtx())
                .putUInt32(a + ".embedding_length", shape.nEmbd())
                .putUInt32(a + ".block_count", shape.nLayer())
                .putUInt32(a + ".feed_forward_length", shape.nFf())
                .putUInt32(a + ".attention.head_count", shape.nHead())
                .putUInt32(a + ".attention.head_count_kv", shape.nHeadKv())
                .putUInt32(a + ".rope.dimension_count", shape.headDim())
                .putFloat32(a + ".rope.freq_base", 10000f)
                .putFloat32(a + ".attention.layer_norm_rms_epsilon", 1e-5f)
                .putUInt32(a + ".vocab_size", shape.nVocab());
    }

    private static void putTokenizer(GgufWriter w, Shape shape) {
        boolean chatMl = shape.architecture().usesChatMl();
        SyntheticVocab vocab = new SyntheticVocab(shape.nVocab(),
                chatMl ? RandomArchitecture.CHATML_TOKENS : List.of());
        // as in Qwen3's files: a ChatML reply ends at <|im_end|>, and prompts start with <|im_start|>, not BOS
        int eos = chatMl ? vocab.id(RandomArchitecture.CHATML_TOKENS.get(1)) : 2;
        w.putString("tokenizer.ggml.model", "llama")
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, vocab.tokens)
                .putArray("tokenizer.ggml.scores", GgufValueType.FLOAT32, vocab.scores)
                .putArray("tokenizer.ggml.token_type", GgufValueType.INT32, vocab.types)
                .putUInt32("tokenizer.ggml.unknown_token_id", 0)
                .putUInt32("tokenizer.ggml.bos_token_id", 1)
                .putUInt32("tokenizer.ggml.eos_token_id", eos)
                .putBool("tokenizer.ggml.add_bos_token", !chatMl)
                .putBool("tokenizer.ggml.add_eos_token", false);
        if (chatMl) {
            w.putString("tokenizer.chat_template", RandomArchitecture.CHATML_TEMPLATE);
        }
    }

    private static void addTensors(GgufWriter w, Shape shape) {
        long e = shape.nEmbd();
        long kvDim = (long) shape.headDim() * shape.nHeadKv();
        w.addTensor("token_embd.weight", GgmlType.Q4_0, e, shape.nVocab());
        w.addTensor("output_norm.weight", GgmlType.F32, e);
        w.addTensor("output.weight", GgmlType.Q4_0, e, shape.nVocab());
        for (int l = 0; l < shape.nLayer(); l++) {
            String p = "blk." + l + ".";
            w.addTensor(p + "attn_norm.weight", GgmlType.F32, e);
            w.addTensor(p + "attn_q.weight", GgmlType.Q4_0, e, e);
            w.addTensor(p + "attn_k.weight", GgmlType.Q4_0, e, kvDim);
            w.addTensor(p + "attn_v.weight", GgmlType.Q4_0, e, kvDim);
            if (shape.architecture().hasQkNorm()) {
                w.addTensor(p + "attn_q_norm.weight", GgmlType.F32, shape.headDim());
                w.addTensor(p + "attn_k_norm.weight", GgmlType.F32, shape.headDim());
            }
            w.addTensor(p + "attn_output.weight", GgmlType.Q4_0, e, e);
            w.addTensor(p + "ffn_norm.weight", GgmlType.F32, e);
            w.addTensor(p + "ffn_gate.weight", GgmlType.Q4_0, e, shape.nFf());
            w.addTensor(p + "ffn_up.weight", GgmlType.Q4_0, e, shape.nFf());
            w.addTensor(p + "ffn_down.weight", GgmlType.Q4_0, shape.nFf(), e);
        }
    }

    /** Random tensor data: F32 tensors all ones, Q4_0 tensors random with small scales. */
    public static GgufWriter.TensorData data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return (t, os) -> writeData(t, os, rng);
    }

    private static void writeData(TensorInfo t, OutputStream os, SplittableRandom rng) throws IOException {
        long rows = t.elementCount() / t.ne(0);
        if (t.type() == GgmlType.F32) {
            byte[] one = {0, 0, (byte) 0x80, 0x3F}; // 1.0f little-endian: norms are all ones
            for (long i = 0; i < t.elementCount(); i++) {
                os.write(one);
            }
            return;
        }
        int blocks = (int) (t.ne(0) / 32);
        byte[] row = new byte[blocks * 18];
        for (long r = 0; r < rows; r++) {
            rng.nextBytes(row);
            for (int b = 0; b < blocks; b++) {
                // scale d in [0.002, 0.006): weights (q - 8) * d have a std of about 0.02
                short d = Float.floatToFloat16((float) (0.002 + 0.004 * rng.nextDouble()));
                row[b * 18] = (byte) d;
                row[b * 18 + 1] = (byte) (d >> 8);
            }
            os.write(row);
        }
    }

    /**
     * Writes a model: {@code RandomLlamaModel <out.gguf> [seed [architecture [size]]]}, by default of
     * seed 42, architecture llama and size 134M ("tiny" for the test size).
     */
    public static void main(String[] args) {
        String size = args.length > 3 ? args[3] : "134M";
        if (args.length < 1 || args.length > 4 || !(size.equals("134M") || size.equals("tiny"))) {
            System.err.println("usage: RandomLlamaModel <out.gguf> [seed [llama|qwen3|smollm3 [134M|tiny]]]");
            System.exit(2);
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        RandomArchitecture arch = args.length > 2 ? RandomArchitecture.byId(args[2]) : RandomArchitecture.LLAMA;
        Shape shape = (size.equals("tiny") ? Shape.TINY : Shape.LLAMA_134M).with(arch);
        long t0 = System.nanoTime();
        write(Path.of(args[0]), shape, seed);
        System.out.printf("wrote %s (%s) in %d ms%n", args[0], shape.name(), (System.nanoTime() - t0) / 1_000_000);
    }
}
