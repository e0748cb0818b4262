package dev.juxta.llama.gguf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads metadata keys and values from a {@link GgufInput}, checking every length first. */
final class GgufValues {
    /** Total bytes of string data one file may make us hold. */
    private static final long STRING_BUDGET = 512L * 1024 * 1024;

    private GgufValues() {}

    static String readKey(GgufInput in) {
        long at = in.position();
        byte[] bytes = stringBytes(in, at);
        if (bytes.length == 0) {
            throw in.fail("empty metadata key at offset " + at);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw in.fail("metadata key at offset " + at + " is not valid UTF-8");
        }
    }

    static GgufKv readKv(GgufInput in, String key) {
        long at = in.position();
        GgufValueType type = valueType(in, in.u32(), at);
        if (type != GgufValueType.ARRAY) {
            return new GgufKv(key, type, null, readScalar(in, type));
        }
        long elemAt = in.position();
        GgufValueType elem = valueType(in, in.u32(), elemAt);
        return new GgufKv(key, type, elem, readArray(in, elem, 1));
    }

    private static GgufValueType valueType(GgufInput in, long id, long at) {
        GgufValueType t = GgufValueType.byId(id);
        if (t == null) {
            throw in.fail("unknown value type " + id + " at offset " + at + " in " + in.context);
        }
        return t;
    }

    static Object readScalar(GgufInput in, GgufValueType type) {
        return switch (type) {
            case UINT8 -> (long) in.u8();
            case INT8 -> (long) (byte) in.u8();
            case UINT16 -> (long) in.u16();
            case INT16 -> (long) in.i16();
            case UINT32 -> in.u32();
            case INT32 -> (long) in.i32();
            case UINT64, INT64 -> in.i64();
            case FLOAT32 -> (double) in.f32();
            case FLOAT64 -> in.f64();
            case BOOL -> readBool(in);
            case STRING -> readString(in);
            case ARRAY -> throw new IllegalStateException("array is not a scalar");
        };
    }

    private static Boolean readBool(GgufInput in) {
        long at = in.position();
        int b = in.u8();
        if (b > 1) {
            throw in.fail("invalid boolean value " + b + " at offset " + at + " in " + in.context);
        }
        return b == 1;
    }

    static String readString(GgufInput in) {
        return new String(stringBytes(in, in.position()), StandardCharsets.UTF_8);
    }

    private static byte[] stringBytes(GgufInput in, long at) {
        long len = in.i64();
        if (len < 0 || len > in.remaining()) {
            throw in.fail("string length " + Long.toUnsignedString(len) + " at offset " + at
                    + " exceeds the file (" + in.remaining() + " bytes left) in " + in.context);
        }
        if (len > GgufReader.MAX_STRING) {
            throw in.fail("string length " + len + " at offset " + at + " is implausibly long in "
                    + in.context);
        }
        in.stringBytes += len;
        if (in.stringBytes > STRING_BUDGET) {
            throw in.fail("metadata strings exceed " + STRING_BUDGET + " bytes");
        }
        return in.bytes((int) len);
    }

    private static List<?> readArray(GgufInput in, GgufValueType elem, int depth) {
        long at = in.position();
        long n = in.i64();
        long minBytes = switch (elem) {
            case STRING -> 8;
            case ARRAY -> 12;
            default -> elem.size();
        };
        if (n < 0 || n > in.remaining() / minBytes) {
            throw in.fail("array of " + Long.toUnsignedString(n) + " " + elem + " elements at offset "
                    + at + " exceeds the file (" + in.remaining() + " bytes left) in " + in.context);
        }
        if (n > GgufReader.MAX_ARRAY) {
            throw in.fail("array of " + n + " elements at offset " + at + " is implausibly long in "
                    + in.context);
        }
        int count = (int) n;
        switch (elem) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (Long) readScalar(in, elem);
                }
                return PrimitiveLists.ofLongs(values);
            }
            case FLOAT32, FLOAT64 -> {
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = elem == GgufValueType.FLOAT32 ? in.f32() : in.f64();
                }
                return PrimitiveLists.ofDoubles(values);
            }
            case ARRAY -> {
                if (depth >= GgufReader.MAX_DEPTH) {
                    throw in.fail("arrays nested deeper than " + GgufReader.MAX_DEPTH + " in "
                            + in.context);
                }
                List<Object> out = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    long elemAt = in.position();
                    GgufValueType inner = valueType(in, in.u32(), elemAt);
                    out.add(readArray(in, inner, depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            default -> {
                List<Object> out = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    out.add(readScalar(in, elem));
                }
                return Collections.unmodifiableList(out);
            }
        }
    }
}
