package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import java.util.function.Function;

/** Checks tensor shapes against the hyperparameters where every architecture agrees on them. */
final class ShapeCheck {
    private ShapeCheck() {}

    static void check(GgufFile gguf, Function<String, LlamaException> fail, int embd, int vocab, int layers) {
        TensorInfo emb = gguf.tensor("token_embd.weight");
        if (emb == null) {
            throw fail.apply("missing tensor 'token_embd.weight'");
        }
        expect2d(emb, fail, embd, vocab);
        TensorInfo out = gguf.tensor("output.weight");
        if (out != null) {
            expect2d(out, fail, embd, vocab);
        }
        for (TensorInfo t : gguf.tensors()) {
            String n = t.name();
            checkType(t, fail);
            if (n.startsWith("blk.")) {
                int dot = n.indexOf('.', 4);
                long layer = -1;
                try {
                    layer = dot < 0 ? -1 : Long.parseLong(n.substring(4, dot));
                } catch (NumberFormatException e) {
                    // falls through to the refusal
                }
                if (layer < 0 || layer >= layers) {
                    throw fail.apply("tensor '" + n + "' does not belong to any of the " + layers + " layers");
                }
            }
        }
    }

    /**
     * ggml's CPU backend aborts (GGML_ASSERT) when a weight has a type it can't compute with: integer
     * and F64 types, the activation-only Q8_1/Q8_K, or a non-F32 norm/bias vector.
     */
    private static void checkType(TensorInfo t, Function<String, LlamaException> fail) {
        switch (t.type()) {
            case I8, I16, I32, I64, F64, Q8_1, Q8_K ->
                    throw fail.apply("tensor '" + t.name() + "' has type " + t.type() + ", which llama.cpp can't use for model weights");
            default -> { }
        }
        String n = t.name();
        boolean vector = t.dims().size() == 1 || n.endsWith("norm.weight") || n.endsWith(".bias");
        if (vector && t.type() != GgmlType.F32) {
            throw fail.apply("tensor '" + n + "' has type " + t.type() + "; norm and bias tensors must be F32");
        }
    }

    private static void expect2d(TensorInfo t, Function<String, LlamaException> fail, long ne0, long ne1) {
        if (t.dims().size() != 2 || t.ne(0) != ne0 || t.ne(1) != ne1) {
            throw fail.apply("tensor '" + t.name() + "' has shape " + t.dims() + ", expected [" + ne0 + ", " + ne1
                    + "] (embedding length x vocabulary size)");
        }
    }
}
