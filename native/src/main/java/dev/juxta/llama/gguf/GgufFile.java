package dev.juxta.llama.gguf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed header of a GGUF file: metadata and tensor table, without tensor data. Produced by
 * {@link GgufReader#read(Path)}, which has checked that it is structurally sound.
 *
 * @param file       the file it was read from
 * @param version    GGUF version (2 or 3)
 * @param fileSize   bytes on disk
 * @param alignment  data alignment ({@code general.alignment}, default 32)
 * @param dataOffset absolute file offset of the tensor data section
 * @param entries    metadata in file order, by key
 * @param tensors    tensor infos in file order
 */
public record GgufFile(Path file, int version, long fileSize, int alignment, long dataOffset,
                       Map<String, GgufKv> entries, List<TensorInfo> tensors) {

    /** Makes unmodifiable copies, keeping the order. */
    public GgufFile {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        tensors = List.copyOf(tensors);
    }

    /** Metadata values by key, in file order (see {@link GgufKv#value()} for the value classes). */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        entries.forEach((k, kv) -> m.put(k, kv.value()));
        return Collections.unmodifiableMap(m);
    }

    /** The value of {@code key}, or {@code null} when absent. */
    public Object get(String key) {
        GgufKv kv = entries.get(key);
        return kv == null ? null : kv.value();
    }

    /** The string value of {@code key}, or {@code null} when absent or not a string. */
    public String getString(String key) {
        return get(key) instanceof String s ? s : null;
    }

    /** The integer value of {@code key}, or {@code null} when absent or not an integer. */
    public Long getLong(String key) {
        return get(key) instanceof Long l ? l : null;
    }

    /** The tensor called {@code name}, or {@code null}. */
    public TensorInfo tensor(String name) {
        for (TensorInfo t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Sum of the element counts of all tensors. */
    public long parameterCount() {
        long n = 0;
        for (TensorInfo t : tensors) {
            n += t.elementCount();
        }
        return n;
    }
}
