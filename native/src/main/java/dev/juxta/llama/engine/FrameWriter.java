package dev.juxta.llama.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Writes frames: {@code MAGIC(4) length(4) payload crc32(4)}, big-endian. The magic and checksum
 * let {@link FrameReader} find frames again among foreign bytes, because llama.cpp and the binding
 * may write to the engine's stdout behind Java's back.
 *
 * <p>Thread-safe: concurrent writers never interleave frames.
 */
public final class FrameWriter {
    static final byte[] MAGIC = {(byte) 0xF3, 'J', 'X', (byte) 0x9C};
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the frame and flushes it, with any frames {@linkplain #buffer buffered} before it. */
    public synchronized void write(byte[] payload) throws IOException {
        buffer(payload);
        flush();
    }

    /** Writes the frame without flushing it, so that several frames can leave in one write. */
    public synchronized void buffer(byte[] payload) throws IOException {
        if (payload.length > MAX_PAYLOAD) {
            throw new IOException("frame of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        byte[] frame = new byte[payload.length + 12];
        System.arraycopy(MAGIC, 0, frame, 0, 4);
        putInt(frame, 4, payload.length);
        System.arraycopy(payload, 0, frame, 8, payload.length);
        putInt(frame, 8 + payload.length, (int) crc.getValue());
        out.write(frame);
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
