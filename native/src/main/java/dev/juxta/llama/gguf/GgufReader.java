package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.ModelInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads GGUF files strictly, so that untrusted files can be refused in Java before they reach
 * llama.cpp. Only the header, metadata and tensor table are read (tensor data is not loaded); every
 * length and count is checked against the bytes left in the file before anything is allocated.
 *
 * <p>All problems are reported as {@link LlamaException} with a message {@code "<file>: <reason>"}.
 */
public final class GgufReader {
    /** Largest tensor count accepted. */
    public static final long MAX_TENSORS = 1_000_000;
    /** Largest metadata entry count accepted. */
    public static final long MAX_KVS = 100_000;
    static final int MAX_STRING = 16 * 1024 * 1024;
    static final int MAX_ARRAY = 16 * 1024 * 1024;
    static final int MAX_DEPTH = 4;
    static final int MAX_TENSOR_NAME = 63;
    private static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final int MIN_KV_BYTES = 8 + 1 + 4 + 1;
    private static final int MIN_TENSOR_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

    private GgufReader() {}

    /**
     * Reads and validates a GGUF file as a model Juxta can run (see {@link ModelInfo}).
     *
     * @throws LlamaException naming the file and the problem
     */
    public static ModelInfo readModelInfo(Path file) {
        return ModelValidator.validate(read(file));
    }

    /**
     * Reads and structurally validates any GGUF file: magic, version, counts, value types and lengths,
     * tensor table, alignment and that all tensor data lies within the file, stored in order.
     *
     * @throws LlamaException naming the file and the problem
     */
    public static GgufFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new LlamaException(file + ": is a directory");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new LlamaException(file + ": empty file");
            }
            return parse(new GgufInput(file, ch, size), file, ch);
        } catch (NoSuchFileException e) {
            throw new LlamaException(file + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new LlamaException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new LlamaException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static GgufFile parse(GgufInput in, Path file, FileChannel ch) throws IOException {
        checkMagic(in, file, ch);
        in.context = "the GGUF header";
        in.skip(4);
        long version = in.u32();
        if (version == 1) {
            throw in.fail("GGUF version 1 is no longer supported; convert the model again");
        }
        if (version != 2 && version != 3) {
            throw in.fail("unsupported GGUF version " + version);
        }
        long nTensors = in.i64();
        long nKv = in.i64();
        checkCount(in, "tensor count", nTensors, MAX_TENSORS, MIN_TENSOR_BYTES);
        checkCount(in, "metadata entry count", nKv, MAX_KVS, MIN_KV_BYTES);

        Map<String, GgufKv> entries = new LinkedHashMap<>();
        for (long i = 0; i < nKv; i++) {
            in.context = "metadata entry " + i;
            String key = GgufValues.readKey(in);
            if (entries.containsKey(key)) {
                throw in.fail("duplicate metadata key '" + key + "'");
            }
            in.context = "the value of '" + key + "'";
            entries.put(key, GgufValues.readKv(in, key));
        }
        int alignment = alignment(in, entries.get("general.alignment"));

        List<TensorInfo> tensors = new ArrayList<>((int) Math.min(nTensors, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < nTensors; i++) {
            in.context = "tensor info " + i;
            TensorInfo t = TensorTable.readInfo(in);
            if (!names.add(t.name())) {
                throw in.fail("duplicate tensor name '" + t.name() + "'");
            }
            tensors.add(t);
        }
        long headerEnd = in.position();
        long dataOffset = align(headerEnd, alignment);
        if (dataOffset > in.size()) {
            throw in.fail("truncated: the tensor data should start at byte " + dataOffset
                    + " but the file has " + in.size() + " bytes");
        }
        TensorTable.checkLayout(in, tensors, dataOffset, alignment);
        return new GgufFile(file, (int) version, in.size(), alignment, dataOffset, entries, tensors);
    }

    private static void checkMagic(GgufInput in, Path file, FileChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4);
        while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
            // fill
        }
        head.flip();
        if (head.remaining() == 4 && head.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        while (head.hasRemaining()) {
            int b = head.get() & 0xFF;
            sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        throw new LlamaException(file + ": not a GGUF file (starts with '" + sb + "')");
    }

    private static void checkCount(GgufInput in, String what, long n, long max, int minBytes) {
        if (n < 0 || n > max) {
            throw in.fail(what + " " + Long.toUnsignedString(n) + " is implausible (limit " + max + ")");
        }
        if (n > in.remaining() / minBytes) {
            throw in.fail(what + " " + n + " exceeds the file: " + in.remaining()
                    + " bytes left can hold at most " + in.remaining() / minBytes);
        }
    }

    private static int alignment(GgufInput in, GgufKv kv) {
        if (kv == null) {
            return 32;
        }
        if (kv.type() != GgufValueType.UINT32) {
            throw in.fail("general.alignment must be of type UINT32, is " + kv.type());
        }
        long a = (Long) kv.value();
        if (a <= 0 || (a & (a - 1)) != 0 || a > (1 << 30)) {
            throw in.fail("general.alignment " + a + " is not a power of two");
        }
        return (int) a;
    }

    static long align(long pos, long alignment) {
        return (pos + alignment - 1) / alignment * alignment;
    }
}
