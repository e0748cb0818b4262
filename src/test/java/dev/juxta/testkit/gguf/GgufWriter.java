package dev.juxta.testkit.gguf;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.gguf.GgmlType;
import dev.juxta.llama.gguf.GgufValueType;
import dev.juxta.llama.gguf.TensorInfo;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF version 3 files: collect metadata and the tensor table first, then {@link #write} streams
 * the header and asks a {@link TensorData} for each tensor's bytes in order, padding to the alignment.
 * Tensor data is never held in memory as a whole.
 */
public final class GgufWriter {
    /** Supplies the bytes of one tensor, exactly {@link TensorInfo#byteSize()} of them. */
    @FunctionalInterface
    public interface TensorData {
        /** Writes the data of {@code tensor} to {@code out} (do not close it). */
        void write(TensorInfo tensor, OutputStream out) throws IOException;
    }

    private record Entry(GgufValueType type, GgufValueType elementType, Object value) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<TensorInfo> tensors = new ArrayList<>();
    private final int alignment;
    private long nextOffset;

    /** A writer with the default alignment of 32 bytes. */
    public GgufWriter() {
        this(32);
    }

    /** A writer aligning tensor data to {@code alignment} (a power of two); stored as general.alignment. */
    public GgufWriter(int alignment) {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        this.alignment = alignment;
        put("general.alignment", GgufValueType.UINT32, (long) alignment);
    }

    /**
     * Sets a scalar value: {@code value} must be a {@link Number} for numeric types, a {@link Boolean}
     * for BOOL or a {@link String} for STRING. Replaces an earlier value of the same key.
     */
    public GgufWriter put(String key, GgufValueType type, Object value) {
        if (type == GgufValueType.ARRAY) {
            throw new IllegalArgumentException("use putArray for arrays");
        }
        entries.put(key, new Entry(type, null, value));
        return this;
    }

    /** Sets an array value whose elements are of (scalar) type {@code elementType}. */
    public GgufWriter putArray(String key, GgufValueType elementType, List<?> values) {
        if (elementType == GgufValueType.ARRAY) {
            throw new IllegalArgumentException("nested arrays are not supported");
        }
        entries.put(key, new Entry(GgufValueType.ARRAY, elementType, List.copyOf(values)));
        return this;
    }

    /** Sets a STRING value. */
    public GgufWriter putString(String key, String value) {
        return put(key, GgufValueType.STRING, value);
    }

    /** Sets a UINT32 value. */
    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValueType.UINT32, value);
    }

    /** Sets a FLOAT32 value. */
    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValueType.FLOAT32, value);
    }

    /** Sets a BOOL value. */
    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValueType.BOOL, value);
    }

    /** Removes a key (e.g. to build a deliberately incomplete file). */
    public GgufWriter remove(String key) {
        entries.remove(key);
        return this;
    }

    /** Adds a tensor (dims in GGUF order, ne0 first); its offset follows the previous tensor. */
    public TensorInfo addTensor(String name, GgmlType type, long... dims) {
        TensorInfo t = TensorInfo.of(name, type, nextOffset, dims);
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": ne0 " + dims[0] + " is not a multiple of " + type.blockSize());
        }
        tensors.add(t);
        nextOffset = Math.ceilDiv(nextOffset + t.byteSize(), alignment) * alignment;
        return t;
    }

    /** The tensors added so far, with their data offsets. */
    public List<TensorInfo> tensors() {
        return List.copyOf(tensors);
    }

    /**
     * Writes the file: header, metadata, tensor table, then each tensor's data from {@code data}.
     *
     * @throws LlamaException when the file can't be written or a tensor's data has the wrong size
     */
    public void write(Path file, TensorData data) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             Counting out = new Counting(raw)) {
            Le le = new Le(out);
            le.u32(0x46554747).u32(3).u64(tensors.size()).u64(entries.size());
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                le.string(e.getKey());
                Entry v = e.getValue();
                le.u32(v.type().id());
                if (v.type() == GgufValueType.ARRAY) {
                    List<?> list = (List<?>) v.value();
                    le.u32(v.elementType().id()).u64(list.size());
                    for (Object o : list) {
                        le.scalar(v.elementType(), o);
                    }
                } else {
                    le.scalar(v.type(), v.value());
                }
            }
            for (TensorInfo t : tensors) {
                le.string(t.name()).u32(t.dims().size());
                for (long d : t.dims()) {
                    le.u64(d);
                }
                le.u32(t.type().id()).u64(t.offset());
            }
            le.pad(alignment);
            long dataStart = out.count;
            for (TensorInfo t : tensors) {
                long start = out.count;
                data.write(t, out);
                if (out.count - start != t.byteSize()) {
                    throw new LlamaException(file + ": tensor '" + t.name() + "' got " + (out.count - start)
                            + " bytes of data, expected " + t.byteSize());
                }
                if (out.count - dataStart != t.offset() + t.byteSize()) {
                    throw new IllegalStateException("offset bookkeeping broken at " + t.name());
                }
                le.pad(alignment);
            }
        } catch (IOException e) {
            throw new LlamaException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Little-endian primitive writes. */
    private static final class Le {
        private final Counting out;
        private final ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Le(Counting out) {
            this.out = out;
        }

        private Le flush(int n) throws IOException {
            out.write(b.array(), 0, n);
            b.clear();
            return this;
        }

        Le u32(long v) throws IOException {
            b.putInt((int) v);
            return flush(4);
        }

        Le u64(long v) throws IOException {
            b.putLong(v);
            return flush(8);
        }

        Le string(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        void pad(int alignment) throws IOException {
            while (out.count % alignment != 0) {
                out.write(0);
            }
        }

        void scalar(GgufValueType type, Object v) throws IOException {
            switch (type) {
                case UINT8, INT8 -> { b.put((byte) ((Number) v).longValue()); flush(1); }
                case BOOL -> { b.put((byte) (((Boolean) v) ? 1 : 0)); flush(1); }
                case UINT16, INT16 -> { b.putShort((short) ((Number) v).longValue()); flush(2); }
                case UINT32, INT32 -> u32(((Number) v).longValue());
                case UINT64, INT64 -> u64(((Number) v).longValue());
                case FLOAT32 -> { b.putFloat(((Number) v).floatValue()); flush(4); }
                case FLOAT64 -> { b.putDouble(((Number) v).doubleValue()); flush(8); }
                case STRING -> string((String) v);
                case ARRAY -> throw new IllegalArgumentException("nested arrays are not supported");
            }
        }
    }
}
