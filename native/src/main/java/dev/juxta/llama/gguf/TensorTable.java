package dev.juxta.llama.gguf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads and checks tensor infos: names, shapes, types and where the data lies. */
final class TensorTable {
    static final int MAX_DIMS = 4;

    private TensorTable() {}

    static TensorInfo readInfo(GgufInput in) {
        long at = in.position();
        long nameLen = in.i64();
        if (nameLen <= 0 || nameLen > GgufReader.MAX_TENSOR_NAME) {
            if (nameLen < 0 || nameLen > in.remaining()) {
                throw in.fail("string length " + Long.toUnsignedString(nameLen) + " at offset " + at
                        + " exceeds the file in " + in.context);
            }
            throw in.fail("tensor name length " + nameLen + " at offset " + at + " must be 1 to "
                    + GgufReader.MAX_TENSOR_NAME + " bytes");
        }
        String name = new String(in.bytes((int) nameLen), StandardCharsets.UTF_8);
        in.context = "tensor '" + name + "'";
        long nDims = in.u32();
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw in.fail("tensor '" + name + "' has " + nDims + " dimensions (must be 1 to " + MAX_DIMS + ")");
        }
        long[] dims = new long[(int) nDims];
        long elements = 1;
        for (int i = 0; i < nDims; i++) {
            long d = in.i64();
            if (d <= 0) {
                throw in.fail("tensor '" + name + "' dimension " + i + " is "
                        + Long.toUnsignedString(d) + " (must be positive)");
            }
            if (elements > Long.MAX_VALUE / d) {
                throw in.fail("tensor '" + name + "' has too many elements (overflow)");
            }
            elements *= d;
            dims[i] = d;
        }
        long typeId = in.u32();
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
            throw in.fail("tensor '" + name + "' has unknown ggml type " + typeId);
        }
        if (dims[0] % type.blockSize() != 0) {
            throw in.fail("tensor '" + name + "' of type " + type + " has " + dims[0]
                    + " elements per row, not a multiple of the block size " + type.blockSize());
        }
        if (type.bytesFor(elements) < 0) {
            throw in.fail("tensor '" + name + "' is too large (overflow)");
        }
        long offset = in.i64();
        return TensorInfo.of(name, type, offset, dims);
    }

    /**
     * Checks that every tensor's data is aligned, lies within the file, and that tensors follow each
     * other in order with only alignment padding between them (as llama.cpp requires).
     */
    static void checkLayout(GgufInput in, List<TensorInfo> tensors, long dataOffset, int alignment) {
        long expected = 0;
        long fileSize = in.size();
        for (TensorInfo t : tensors) {
            long off = t.offset();
            long size = t.byteSize();
            if (off < 0 || off % alignment != 0) {
                throw in.fail("tensor '" + t.name() + "' offset " + Long.toUnsignedString(off)
                        + " is not a multiple of the alignment " + alignment);
            }
            if (off > fileSize - dataOffset || size > fileSize - dataOffset - off) {
                long end = dataOffset + off + size;
                String endText = end < 0 ? Long.toUnsignedString(end) + "+" : String.valueOf(end);
                throw in.fail("truncated: tensor '" + t.name() + "' data ends at byte " + endText
                        + " but the file has " + fileSize + " bytes");
            }
            if (off != expected) {
                throw in.fail("tensor '" + t.name() + "' has offset " + off + ", expected " + expected
                        + (off < expected ? " (it overlaps the previous tensor)" : " (gap in the data)"));
            }
            expected = GgufReader.align(off + size, alignment);
        }
    }
}
