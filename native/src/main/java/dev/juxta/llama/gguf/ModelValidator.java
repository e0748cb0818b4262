package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.ModelInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a structurally sound {@link GgufFile} is a text-generation model the bundled llama.cpp
 * can load safely, and summarises it as a {@link ModelInfo}.
 */
final class ModelValidator {
    /** llama.cpp's LLAMA_MAX_LAYERS. */
    static final int MAX_LAYERS = 512;

    private final GgufFile gguf;

    private ModelValidator(GgufFile gguf) {
        this.gguf = gguf;
    }

    static ModelInfo validate(GgufFile gguf) {
        return new ModelValidator(gguf).run();
    }

    private LlamaException fail(String message) {
        return new LlamaException(gguf.file() + ": " + message);
    }

    private ModelInfo run() {
        for (GgufKv kv : gguf.entries().values()) {
            if (kv.isArrayOf(GgufValueType.ARRAY)) {
                throw fail("metadata key '" + kv.key() + "' is an array of arrays, which llama.cpp can't read");
            }
        }
        GgufKv archKv = gguf.entries().get("general.architecture");
        if (archKv == null) {
            throw fail("missing metadata key 'general.architecture'");
        }
        if (!(archKv.value() instanceof String arch) || arch.isEmpty()) {
            throw fail("metadata key 'general.architecture' must be a non-empty string");
        }
        String refusal = SupportedArchitectures.refusal(arch);
        if (refusal != null) {
            throw fail(refusal.replace("'" + arch + "'", "'" + printable(arch) + "'"));
        }
        if (gguf.tensors().isEmpty()) {
            throw fail("the file has no tensors");
        }
        int ctx = positive(arch + ".context_length");
        int layers = positive(arch + ".block_count");
        if (layers > MAX_LAYERS) {
            throw fail("metadata key '" + arch + ".block_count' is " + layers + ", more than llama.cpp's limit of " + MAX_LAYERS);
        }
        int embd = positive(arch + ".embedding_length");
        int heads = headCount(arch + ".attention.head_count", layers, true);
        Integer kvHeads = gguf.entries().containsKey(arch + ".attention.head_count_kv")
                ? headCount(arch + ".attention.head_count_kv", layers, false) : null;
        int vocab = TokenizerCheck.check(gguf, this::fail);
        Long vocabKey = optionalInt(arch + ".vocab_size");
        if (vocabKey != null && vocabKey != vocab) {
            throw fail("metadata key '" + arch + ".vocab_size' is " + vocabKey + " but the tokenizer has " + vocab + " tokens");
        }
        ShapeCheck.check(gguf, this::fail, embd, vocab, layers);

        String name = gguf.getString("general.name");
        // Converters often leave the name blank or set it to the architecture ("llama"), which
        // tells two models apart no better than nothing: the file name does.
        if (name == null || name.isBlank() || name.strip().equalsIgnoreCase(arch)) {
            String fn = gguf.file().getFileName().toString();
            name = fn.toLowerCase().endsWith(".gguf") ? fn.substring(0, fn.length() - 5) : fn;
        }
        boolean template = gguf.get("tokenizer.chat_template") instanceof String s && !s.isEmpty();
        return new ModelInfo(gguf.file(), name, arch, gguf.parameterCount(), quantization(), ctx,
                template, gguf.fileSize(), layers, embd, heads, kvHeads == null ? heads : kvHeads);
    }

    private Long optionalInt(String key) {
        GgufKv kv = gguf.entries().get(key);
        if (kv == null) {
            return null;
        }
        if (!(kv.value() instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
            throw fail("metadata key '" + key + "' must be a non-negative integer, is " + describe(kv));
        }
        return v;
    }

    private int positive(String key) {
        Long v = optionalInt(key);
        if (v == null) {
            throw fail("missing metadata key '" + key + "'");
        }
        if (v <= 0) {
            throw fail("metadata key '" + key + "' must be positive, is " + v);
        }
        return v.intValue();
    }

    /** A head count: an integer, or (per layer) an integer array of block_count entries. */
    private int headCount(String key, int layers, boolean required) {
        GgufKv kv = gguf.entries().get(key);
        if (kv == null && required) {
            throw fail("missing metadata key '" + key + "'");
        }
        if (kv.type() != GgufValueType.ARRAY) {
            return positive(key);
        }
        if (!kv.elementType().isInteger() || kv.asList().size() != layers) {
            throw fail("metadata key '" + key + "' must be an integer or " + layers + " integers, is " + describe(kv));
        }
        long max = 0;
        for (Object o : kv.asList()) {
            long v = (Long) o;
            if (v < 0 || v > 1 << 20) {
                throw fail("metadata key '" + key + "' has an invalid entry " + v);
            }
            max = Math.max(max, v);
        }
        if (max == 0) {
            throw fail("metadata key '" + key + "' must be positive for some layer");
        }
        return (int) max;
    }

    private String quantization() {
        Long ft = gguf.getLong("general.file_type");
        String name = ft == null ? null : FileTypes.name(ft);
        if (name != null) {
            return name;
        }
        Map<GgmlType, Long> bytes = new HashMap<>();
        for (TensorInfo t : gguf.tensors()) {
            bytes.merge(t.type(), t.byteSize(), Long::sum);
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().name()).orElse("unknown");
    }

    static String describe(GgufKv kv) {
        if (kv.type() == GgufValueType.ARRAY) {
            List<?> l = kv.asList();
            return "an array of " + l.size() + " " + kv.elementType();
        }
        return kv.type() + " " + (kv.value() instanceof String s ? "'" + printable(s) + "'" : kv.value());
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? sb + "..." : sb.toString();
    }
}
