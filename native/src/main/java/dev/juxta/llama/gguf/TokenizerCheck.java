package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the tokenizer metadata llama.cpp reads without type or length checks of its own (it reads
 * scores and token types as raw arrays indexed by token id).
 */
final class TokenizerCheck {
    static final int MIN_VOCAB = 32;
    private static final Set<String> MODELS = Set.of("llama", "gpt2", "bert", "t5", "rwkv");
    private static final String[] SPECIAL = {
        "bos", "eos", "eot", "eom", "unknown", "separator", "padding", "cls", "mask", "prefix",
        "suffix", "middle", "fim_pre", "fim_suf", "fim_mid", "fim_pad", "fim_rep", "fim_sep",
    };

    private TokenizerCheck() {}

    /** Returns the vocabulary size. */
    static int check(GgufFile gguf, Function<String, LlamaException> fail) {
        GgufKv model = gguf.entries().get("tokenizer.ggml.model");
        if (model == null) {
            throw fail.apply("missing metadata key 'tokenizer.ggml.model' (the model has no tokenizer)");
        }
        if (!(model.value() instanceof String m)) {
            throw fail.apply("metadata key 'tokenizer.ggml.model' must be a string, is " + ModelValidator.describe(model));
        }
        if (!MODELS.contains(m)) {
            throw fail.apply("tokenizer model '" + ModelValidator.printable(m) + "' is not supported"
                    + " (the model needs a vocabulary for text generation)");
        }
        GgufKv tokens = gguf.entries().get("tokenizer.ggml.tokens");
        if (tokens == null) {
            throw fail.apply("missing metadata key 'tokenizer.ggml.tokens'");
        }
        if (!tokens.isArrayOf(GgufValueType.STRING)) {
            throw fail.apply("metadata key 'tokenizer.ggml.tokens' must be an array of strings, is " + ModelValidator.describe(tokens));
        }
        int n = tokens.asList().size();
        if (n < MIN_VOCAB) {
            throw fail.apply("the vocabulary has only " + n + " tokens");
        }
        sameLength(gguf, fail, "tokenizer.ggml.scores", GgufValueType.FLOAT32, n);
        GgufKv types = sameLength(gguf, fail, "tokenizer.ggml.token_type", GgufValueType.INT32, n);
        if (types != null) {
            List<?> l = types.asList();
            for (int i = 0; i < n; i++) {
                long t = (Long) l.get(i);
                if (t < 0 || t > 6) {
                    throw fail.apply("metadata key 'tokenizer.ggml.token_type' has invalid type " + t + " for token " + i);
                }
            }
        }
        GgufKv merges = gguf.entries().get("tokenizer.ggml.merges");
        if (merges != null && !merges.isArrayOf(GgufValueType.STRING)) {
            throw fail.apply("metadata key 'tokenizer.ggml.merges' must be an array of strings, is " + ModelValidator.describe(merges));
        }
        for (String s : SPECIAL) {
            String key = "tokenizer.ggml." + s + "_token_id";
            GgufKv kv = gguf.entries().get(key);
            // ids out of range (often 0xFFFFFFFF for "none") are ignored by llama.cpp with a warning
            if (kv != null && !(kv.value() instanceof Long)) {
                throw fail.apply("metadata key '" + key + "' must be an integer token id, is " + ModelValidator.describe(kv));
            }
        }
        return n;
    }

    private static GgufKv sameLength(GgufFile gguf, Function<String, LlamaException> fail, String key,
                                     GgufValueType type, int n) {
        GgufKv kv = gguf.entries().get(key);
        if (kv != null && (!kv.isArrayOf(type) || kv.asList().size() != n)) {
            throw fail.apply("metadata key '" + key + "' must be an array of " + n + " " + type + ", is "
                    + ModelValidator.describe(kv));
        }
        return kv;
    }
}
