package dev.juxta.llama.gguf;

import dev.juxta.llama.LlamaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A little-endian reader over a file channel with a fixed 64 KiB buffer. It never reads past the end
 * of the file and never allocates more than a caller-checked length; every failure is a {@link
 * LlamaException} naming the file.
 */
final class GgufInput {
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long bufStart;
    /** What is being read, for error messages. */
    String context = "the header";
    /** String bytes read so far, to bound the memory one file can make us use. */
    long stringBytes;

    GgufInput(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        buf.limit(0);
    }

    long size() {
        return size;
    }

    long position() {
        return bufStart + buf.position();
    }

    long remaining() {
        return size - position();
    }

    LlamaException fail(String message) {
        return new LlamaException(file + ": " + message);
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        if (remaining() < n) {
            throw fail("truncated: the file ends at byte " + size + " while reading " + context
                    + " at offset " + position());
        }
        bufStart += buf.position();
        buf.compact();
        try {
            while (buf.position() < n) {
                int r = channel.read(buf, bufStart + buf.position());
                if (r < 0) {
                    throw fail("truncated: unexpected end of file while reading " + context);
                }
            }
        } catch (IOException e) {
            throw new LlamaException(file + ": cannot read: " + e.getMessage(), e);
        } finally {
            buf.flip();
        }
    }

    int u8() {
        ensure(1);
        return buf.get() & 0xFF;
    }

    int u16() {
        ensure(2);
        return buf.getShort() & 0xFFFF;
    }

    short i16() {
        ensure(2);
        return buf.getShort();
    }

    long u32() {
        ensure(4);
        return buf.getInt() & 0xFFFFFFFFL;
    }

    int i32() {
        ensure(4);
        return buf.getInt();
    }

    long i64() {
        ensure(8);
        return buf.getLong();
    }

    float f32() {
        ensure(4);
        return buf.getFloat();
    }

    double f64() {
        ensure(8);
        return buf.getDouble();
    }

    /** Reads {@code n} bytes; the caller has checked {@code n <= remaining()} and a sane cap. */
    byte[] bytes(int n) {
        byte[] out = new byte[n];
        if (n <= BUFFER) {
            ensure(n);
            buf.get(out);
            return out;
        }
        int have = buf.remaining();
        buf.get(out, 0, have);
        long pos = bufStart + buf.position();
        ByteBuffer dst = ByteBuffer.wrap(out, have, n - have);
        try {
            while (dst.hasRemaining()) {
                int r = channel.read(dst, pos + dst.position() - have);
                if (r < 0) {
                    throw fail("truncated: unexpected end of file while reading " + context);
                }
            }
        } catch (IOException e) {
            throw new LlamaException(file + ": cannot read: " + e.getMessage(), e);
        }
        bufStart = pos + n - have;
        buf.clear().limit(0);
        return out;
    }

    /** Skips {@code n} bytes; the caller has checked {@code n <= remaining()}. */
    void skip(long n) {
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
        } else {
            bufStart = position() + n;
            buf.clear().limit(0);
        }
    }
}
