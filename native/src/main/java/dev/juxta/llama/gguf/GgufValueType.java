package dev.juxta.llama.gguf;

/** The GGUF metadata value types (ids 0 to 12 of the GGUF specification). */
public enum GgufValueType {
    UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1), STRING(-1),
    ARRAY(-1), UINT64(8), INT64(8), FLOAT64(8);

    private static final GgufValueType[] VALUES = values();

    private final int size;

    GgufValueType(int size) {
        this.size = size;
    }

    /** The id stored in the file (the ordinal). */
    public int id() {
        return ordinal();
    }

    /** Bytes of one value for fixed-size types, {@code -1} for STRING and ARRAY. */
    public int size() {
        return size;
    }

    /** Whether values of this type are integers (read as {@link Long}). */
    public boolean isInteger() {
        return size > 0 && this != FLOAT32 && this != FLOAT64 && this != BOOL;
    }

    /** The type with that id, or {@code null} for an unknown id. */
    public static GgufValueType byId(long id) {
        return id >= 0 && id < VALUES.length ? VALUES[(int) id] : null;
    }
}
