package dev.juxta.llama.gguf;

import java.util.List;

/**
 * One entry of a GGUF tensor table, as read from (or to be written to) a file.
 *
 * @param name   tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param type   element type
 * @param dims   dimensions in GGUF order ({@code ne0} first, the contiguous one), 1 to 4 entries
 * @param offset byte offset of the data relative to the start of the data section
 */
public record TensorInfo(String name, GgmlType type, List<Long> dims, long offset) {

    /** Copies {@code dims} into an unmodifiable list. */
    public TensorInfo {
        dims = List.copyOf(dims);
    }

    /** Creates an info from a primitive dimension array. */
    public static TensorInfo of(String name, GgmlType type, long offset, long... dims) {
        Long[] boxed = new Long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            boxed[i] = dims[i];
        }
        return new TensorInfo(name, type, List.of(boxed), offset);
    }

    /** The size of dimension {@code i}, 1 for dimensions beyond {@link #dims()}. */
    public long ne(int i) {
        return i < dims.size() ? dims.get(i) : 1;
    }

    /** Number of elements (the product of the dimensions). Assumes the reader checked overflow. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes of tensor data in the file. */
    public long byteSize() {
        return type.bytesFor(elementCount());
    }
}
