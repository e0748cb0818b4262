package dev.juxta.llama.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins token pieces, which are raw bytes (a 4-byte character may come in four pieces), into text
 * of whole UTF-8 characters, holding back the bytes of a character not yet complete.
 */
final class Utf8Joiner {
    private byte[] held = new byte[0];

    /** The whole characters that {@code piece} completes, possibly empty. */
    String append(byte[] piece) {
        byte[] bytes = held.length == 0 ? piece : concat(held, piece);
        int whole = wholeCharacters(bytes);
        held = Arrays.copyOfRange(bytes, whole, bytes.length);
        return new String(bytes, 0, whole, StandardCharsets.UTF_8);
    }

    /** The length of the longest prefix that ends on a character boundary. */
    static int wholeCharacters(byte[] bytes) {
        int end = bytes.length;
        // A character is at most 4 bytes: look back for the last lead byte.
        for (int back = 1; back <= Math.min(4, end); back++) {
            int b = bytes[end - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return back >= length ? end : end - back;
            }
        }
        return end; // no lead byte: malformed, let the decoder replace it
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
