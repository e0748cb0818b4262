package dev.juxta.llama.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only walk over a known-good GGUF header that records where the length, count, type, dimension
 * and offset fields are, so the fuzzer can aim at them.
 */
final class GgufFieldMap {
    /** Offsets of 8-byte length/count/dim/offset fields. */
    final List<Integer> u64Fields = new ArrayList<>();
    /** Offsets of 4-byte type/n_dims fields. */
    final List<Integer> u32Fields = new ArrayList<>();
    final int headerEnd;

    GgufFieldMap(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        u64Fields.add(8);
        u64Fields.add(16);
        long nTensors = b.getLong();
        long nKv = b.getLong();
        for (long i = 0; i < nKv; i++) {
            string(b);
            u32Fields.add(b.position());
            value(b, b.getInt());
        }
        for (long i = 0; i < nTensors; i++) {
            string(b);
            u32Fields.add(b.position());
            int nDims = b.getInt();
            for (int d = 0; d < nDims; d++) {
                u64Fields.add(b.position());
                b.getLong();
            }
            u32Fields.add(b.position());
            b.getInt();
            u64Fields.add(b.position());
            b.getLong();
        }
        headerEnd = b.position();
    }

    private void string(ByteBuffer b) {
        u64Fields.add(b.position());
        long len = b.getLong();
        b.position(b.position() + (int) len);
    }

    private void value(ByteBuffer b, int type) {
        switch (type) {
            case 0, 1, 7 -> b.get();
            case 2, 3 -> b.getShort();
            case 4, 5, 6 -> b.getInt();
            case 10, 11, 12 -> b.getLong();
            case 8 -> string(b);
            case 9 -> {
                u32Fields.add(b.position());
                int elem = b.getInt();
                u64Fields.add(b.position());
                long n = b.getLong();
                for (long i = 0; i < n; i++) {
                    value(b, elem);
                }
            }
            default -> throw new IllegalStateException("type " + type);
        }
    }
}
