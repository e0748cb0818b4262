package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the tokenizer metadata llama.cpp reads without type or length checks of its own (it reads
 * scores and token types as raw arrays indexed by token id).
 */
final class TokenizerCheck {
    static final int MIN_VOCAB = 32;
    private static final long BYTE = 6;
    private static final String HEX = "0123456789ABCDEFabcdef";
    /** The tokenizer.ggml.model values llama.cpp v0.5.0 builds a vocabulary for (llama-vocab.cpp). */
    private static final Set<String> MODELS =
            Set.of("llama", "gpt2", "bert", "t5", "rwkv", "plamo2", "gemma4", "hybriddna", "whitespace");
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
        checkTokens(m, tokens.asList(), types == null ? null : types.asList(), fail);
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
        checkAddSpecial(gguf, fail, m, "bos", n);
        checkAddSpecial(gguf, fail, m, "eos", n);
        return n;
    }

    /**
     * llama.cpp aborts on duplicate token texts (GGML_ASSERT in llama-vocab.cpp), and its SPM tokenizer
     * throws (uncaught, in a worker thread) when byte fallback needs a byte token that is missing.
     */
    private static void checkTokens(String model, List<?> tokens, List<?> types, Function<String, LlamaException> fail) {
        Map<String, Integer> seen = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            String t = (String) tokens.get(i);
            int nul = t.indexOf('\0');
            // llama.cpp reads token texts as C strings: "k\0x" is the token "k"
            Integer prev = seen.putIfAbsent(nul < 0 ? t : t.substring(0, nul), i);
            if (prev != null) {
                throw fail.apply("tokens " + prev + " and " + i + " are both '" + ModelValidator.printable(t)
                        + "' (the vocabulary must not contain duplicates)");
            }
            if (types != null && (Long) types.get(i) == BYTE && model.equals("llama") && !isByteToken(t)) {
                throw fail.apply("token " + i + " '" + ModelValidator.printable(t) + "' is of type BYTE but not of the form <0xXX>");
            }
        }
        if (model.equals("llama")) {
            for (int b = 0; b < 256; b++) {
                String t = String.format("<0x%02X>", b);
                if (!seen.containsKey(t)) {
                    throw fail.apply("the SentencePiece vocabulary lacks the byte-fallback token " + t);
                }
            }
        }
    }

    private static boolean isByteToken(String t) {
        return t.length() == 6 && t.startsWith("<0x") && t.charAt(5) == '>'
                && HEX.indexOf(t.charAt(3)) >= 0 && HEX.indexOf(t.charAt(4)) >= 0;
    }

    /** With add_bos/add_eos set, llama.cpp asserts that the BOS/EOS token exists when tokenizing. */
    private static void checkAddSpecial(GgufFile gguf, Function<String, LlamaException> fail, String model, String which, int n) {
        if (!(gguf.get("tokenizer.ggml.add_" + which + "_token") instanceof Boolean add) || !add) {
            return;
        }
        long id = gguf.get("tokenizer.ggml." + which + "_token_id") instanceof Long l && l >= 0 && l < n ? l
                : switch (model) {
                    case "llama", "plamo2" -> which.equals("bos") ? 1 : 2;
                    case "gpt2", "hybriddna", "whitespace" -> 11;
                    case "bert" -> which.equals("bos") ? 101 : 102;
                    case "t5" -> which.equals("bos") ? -1 : 1;
                    default -> -1;
                };
        if (id < 0 || id >= n) {
            throw fail.apply("tokenizer.ggml.add_" + which + "_token is set but the model has no valid "
                    + which.toUpperCase() + " token");
        }
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
