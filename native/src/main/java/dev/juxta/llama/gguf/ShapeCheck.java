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

    private static void expect2d(TensorInfo t, Function<String, LlamaException> fail, long ne0, long ne1) {
        if (t.dims().size() != 2 || t.ne(0) != ne0 || t.ne(1) != ne1) {
            throw fail.apply("tensor '" + t.name() + "' has shape " + t.dims() + ", expected [" + ne0 + ", " + ne1
                    + "] (embedding length x vocabulary size)");
        }
    }
}
