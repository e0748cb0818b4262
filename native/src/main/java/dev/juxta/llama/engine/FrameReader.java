package dev.juxta.llama.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads the frames written by {@link FrameWriter}, skipping any bytes that are not part of a valid
 * frame (native code writing to the same stream). Skipped bytes go to a sink for diagnostics.
 *
 * <p>Not thread-safe: one reader thread.
 */
public final class FrameReader {
    private final InputStream in;
    private final Consumer<byte[]> foreignBytes;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;

    public FrameReader(InputStream in, Consumer<byte[]> foreignBytes) {
        this.in = in;
        this.foreignBytes = foreignBytes;
    }

    /** The next valid frame's payload, or null at end of stream. */
    public byte[] read() throws IOException {
        while (true) {
            int magicAt = indexOfMagic();
            if (magicAt < 0) {
                // Keep the last 3 bytes: they may be the start of a magic split across reads.
                skipTo(Math.max(start, end - 3));
                if (!fill()) {
                    skipTo(end);
                    return null;
                }
                continue;
            }
            skipTo(magicAt);
            if (!ensure(8)) {
                skipTo(end);
                return null;
            }
            int length = getInt(start + 4);
            if (length < 0 || length > FrameWriter.MAX_PAYLOAD) {
                skipTo(start + 1);
                continue;
            }
            if (!ensure(12 + length)) {
                skipTo(end);
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(buf, start + 8, length);
            if ((int) crc.getValue() != getInt(start + 8 + length)) {
                skipTo(start + 1);
                continue;
            }
            byte[] payload = Arrays.copyOfRange(buf, start + 8, start + 8 + length);
            start += 12 + length;
            return payload;
        }
    }

    private int indexOfMagic() {
        byte[] m = FrameWriter.MAGIC;
        for (int i = start; i + 4 <= end; i++) {
            if (buf[i] == m[0] && buf[i + 1] == m[1] && buf[i + 2] == m[2] && buf[i + 3] == m[3]) {
                return i;
            }
        }
        return -1;
    }

    private void skipTo(int index) {
        if (index > start) {
            foreignBytes.accept(Arrays.copyOfRange(buf, start, index));
            start = index;
        }
    }

    private boolean ensure(int bytes) throws IOException {
        while (end - start < bytes) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private int getInt(int at) {
        return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF);
    }
}
