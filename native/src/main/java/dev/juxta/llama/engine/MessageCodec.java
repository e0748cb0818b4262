package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.TokenChoice;
import dev.juxta.llama.engine.Message.Cancel;
import dev.juxta.llama.engine.Message.Delta;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Failed;
import dev.juxta.llama.engine.Message.Forget;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.LoadFailed;
import dev.juxta.llama.engine.Message.LoadProgress;
import dev.juxta.llama.engine.Message.Ready;
import dev.juxta.llama.engine.Message.Started;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Binary encoding of {@link Message}s: a tag byte, then the fields in declaration order. */
public final class MessageCodec {
    private static final int MAX_STRING = 8 * 1024 * 1024;
    private static final int MAX_TURNS = 100_000;

    private MessageCodec() {
    }

    public static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (message) {
                case Generate g -> {
                    out.writeByte(1);
                    out.writeInt(g.id());
                    out.writeInt(g.slot());
                    out.writeLong(g.session());
                    writeOptions(out, g.options());
                    out.writeInt(g.turns().size());
                    for (ChatTurn turn : g.turns()) {
                        writeString(out, turn.user());
                        writeString(out, turn.assistant());
                    }
                    writeString(out, g.prompt());
                    writeString(out, g.answerPrefix());
                }
                case Cancel c -> {
                    out.writeByte(2);
                    out.writeInt(c.id());
                }
                case Forget f -> {
                    out.writeByte(3);
                    out.writeLong(f.session());
                }
                case Ready r -> {
                    out.writeByte(10);
                    out.writeInt(r.slots());
                    out.writeInt(r.contextPerSlot());
                    out.writeInt(r.threads());
                }
                case LoadFailed f -> {
                    out.writeByte(11);
                    writeString(out, f.message());
                }
                case LoadProgress p -> {
                    out.writeByte(16);
                    out.writeFloat(p.fraction());
                }
                case Started s -> {
                    out.writeByte(12);
                    out.writeInt(s.id());
                    out.writeInt(s.promptTokens());
                    out.writeInt(s.cachedTokens());
                    out.writeInt(s.turnsDropped());
                }
                case Delta d -> {
                    out.writeByte(13);
                    out.writeInt(d.id());
                    writeString(out, d.text());
                    writeTokens(out, d.tokens());
                }
                case Done d -> {
                    out.writeByte(14);
                    out.writeInt(d.id());
                    out.writeByte(d.reason().ordinal());
                    out.writeInt(d.generatedTokens());
                    out.writeInt(d.promptTokensRead());
                }
                case Failed f -> {
                    out.writeByte(15);
                    out.writeInt(f.id());
                    writeString(out, f.message());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload; throws IOException for anything malformed. */
    public static Message decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 1 -> readGenerate(in);
            case 2 -> new Cancel(in.readInt());
            case 3 -> new Forget(in.readLong());
            case 10 -> new Ready(in.readInt(), in.readInt(), in.readInt());
            case 11 -> new LoadFailed(readString(in));
            case 12 -> new Started(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            case 13 -> new Delta(in.readInt(), readString(in), readTokens(in));
            case 14 -> new Done(in.readInt(), readStopReason(in), in.readInt(), in.readInt());
            case 15 -> new Failed(in.readInt(), readString(in));
            case 16 -> new LoadProgress(in.readFloat());
            default -> throw new IOException("unknown message tag " + tag);
        };
    }

    private static Generate readGenerate(DataInputStream in) throws IOException {
        int id = in.readInt();
        int slot = in.readInt();
        long session = in.readLong();
        SessionOptions options = readOptions(in);
        int count = readCount(in, MAX_TURNS);
        List<ChatTurn> turns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            turns.add(new ChatTurn(readString(in), readString(in)));
        }
        return new Generate(id, slot, session, options, List.copyOf(turns), readString(in), readString(in));
    }

    private static void writeOptions(DataOutputStream out, SessionOptions o) throws IOException {
        writeString(out, o.systemPrompt());
        out.writeDouble(o.temperature());
        out.writeDouble(o.topP());
        out.writeInt(o.topK());
        out.writeDouble(o.minP());
        out.writeDouble(o.repeatPenalty());
        out.writeInt(o.maxTokens());
        out.writeLong(o.seed());
        out.writeBoolean(o.ignoreEndOfText());
        out.writeInt(o.alternatives());
    }

    private static void writeTokens(DataOutputStream out, List<TokenChoice> tokens) throws IOException {
        out.writeInt(tokens.size());
        for (TokenChoice token : tokens) {
            writeString(out, token.text());
            out.writeFloat(token.probability());
            out.writeInt(token.alternatives().size());
            for (TokenChoice.Alternative alternative : token.alternatives()) {
                writeString(out, alternative.text());
                out.writeFloat(alternative.probability());
            }
        }
    }

    private static List<TokenChoice> readTokens(DataInputStream in) throws IOException {
        int count = readCount(in, MAX_TURNS);
        List<TokenChoice> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String text = readString(in);
            float probability = in.readFloat();
            int alternatives = readCount(in, SessionOptions.MAX_ALTERNATIVES);
            List<TokenChoice.Alternative> list = new ArrayList<>(alternatives);
            for (int k = 0; k < alternatives; k++) {
                list.add(new TokenChoice.Alternative(readString(in), in.readFloat()));
            }
            tokens.add(new TokenChoice(text, probability, list));
        }
        return List.copyOf(tokens);
    }

    private static int readCount(DataInputStream in, int max) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IOException("bad count " + count);
        }
        return count;
    }

    private static SessionOptions readOptions(DataInputStream in) throws IOException {
        return new SessionOptions(readString(in), in.readDouble(), in.readDouble(), in.readInt(), in.readDouble(),
                in.readDouble(), in.readInt(), in.readLong(), in.readBoolean(), in.readInt());
    }

    private static StopReason readStopReason(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        StopReason[] values = StopReason.values();
        if (ordinal >= values.length) {
            throw new IOException("bad stop reason " + ordinal);
        }
        return values[ordinal];
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("bad string length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
