package dev.juxta.llama.gguf;

import java.util.List;

/**
 * One metadata entry of a GGUF file.
 *
 * @param key         the key, e.g. {@code general.architecture}
 * @param type        the stored value type
 * @param elementType for {@link GgufValueType#ARRAY}: the element type; otherwise {@code null}
 * @param value       {@link Long} for integer types (UINT64 values above {@code Long.MAX_VALUE} wrap),
 *                    {@link Double} for floats, {@link Boolean}, {@link String}, or an unmodifiable
 *                    {@link List} of those for arrays
 */
public record GgufKv(String key, GgufValueType type, GgufValueType elementType, Object value) {

    /** Whether this is an array whose elements are of type {@code t}. */
    public boolean isArrayOf(GgufValueType t) {
        return type == GgufValueType.ARRAY && elementType == t;
    }

    /** The value as a list when it is an array, else {@code null}. */
    public List<?> asList() {
        return value instanceof List<?> l ? l : null;
    }
}
