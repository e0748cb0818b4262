package dev.juxta.llama.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.TokenChoice;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's stdout carries frames among foreign bytes (llama.cpp's own prints). */
class FrameProtocolTest {

    @Test
    void everyMessageDecodesToItself() throws IOException {
        List<Message> all = List.of(
                new Message.Generate(3, 2, 11L, SessionOptions.defaults().withSeed(9).withTemperature(0),
                        List.of(new ChatTurn("a", "b"), new ChatTurn("", "é")), "next", "Once up"),
                new Message.Cancel(3),
                new Message.Forget(11L),
                new Message.LoadProgress(0.25f),
                new Message.Ready(4, 2048, 1),
                new Message.LoadFailed("not a GGUF file"),
                new Message.Started(3, 30, 12, 1),
                new Message.Delta(3, "ü", List.of()),
                new Message.Delta(4, "é", List.of(new TokenChoice("\uFFFD", 0.5f, List.of(new TokenChoice.Alternative("a", 0.25f))))),
                new Message.Done(3, StopReason.CANCELLED, 5, 17),
                new Message.Failed(3, "llama.cpp failed"));
        for (Message message : all) {
            assertEquals(message, MessageCodec.decode(MessageCodec.encode(message)));
        }
    }

    @Test
    void framesSurviveForeignBytesBeforeBetweenAndInsideLookalikes() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(stream);
        List<Message> sent = List.of(
                new Message.Generate(7, 1, 12L, SessionOptions.defaults().withSystemPrompt("Be kind. ✓"),
                        List.of(new ChatTurn("Hi", "Hello 👋")), "Tell me a story", ""),
                new Message.Delta(7, "Once upon a time 🌲", List.of()),
                new Message.Done(7, StopReason.MAX_TOKENS, 12, 0));
        stream.write("Extracted 'libjllama.so' to '/tmp/x'\n".getBytes(StandardCharsets.UTF_8));
        writer.write(MessageCodec.encode(sent.get(0)));
        // A fake frame start: the magic followed by garbage must not swallow the next real frame.
        stream.write(FrameWriter.MAGIC);
        stream.write(new byte[] {0, 0, 0, 5, 1, 2});
        writer.write(MessageCodec.encode(sent.get(1)));
        stream.write("llama_model_loader: loaded meta data\n".getBytes(StandardCharsets.UTF_8));
        writer.write(MessageCodec.encode(sent.get(2)));
        stream.write("trailing".getBytes(StandardCharsets.UTF_8));

        List<byte[]> foreign = new ArrayList<>();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream.toByteArray()), foreign::add);
        List<Message> received = new ArrayList<>();
        byte[] payload;
        while ((payload = reader.read()) != null) {
            received.add(MessageCodec.decode(payload));
        }

        assertEquals(sent, received);
        String skipped = foreign.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).reduce("", String::concat);
        assertEquals(true, skipped.contains("Extracted") && skipped.contains("llama_model_loader") && skipped.contains("trailing"));
    }

    @Test
    void bufferedFramesLeaveTogetherAtTheNextFlushInOrder() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(new BufferedOutputStream(sink));
        Message first = new Message.Delta(1, "one", List.of());
        Message second = new Message.Delta(2, "two", List.of());
        writer.buffer(MessageCodec.encode(first));
        writer.buffer(MessageCodec.encode(second));
        assertEquals(0, sink.size(), "buffered frames must wait for a flush");

        writer.flush();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(sink.toByteArray()), bytes -> { });

        assertEquals(first, MessageCodec.decode(reader.read()));
        assertEquals(second, MessageCodec.decode(reader.read()));
        assertNull(reader.read());
    }

    @Test
    void aCorruptedFrameIsSkippedNotMisread() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(stream);
        writer.write(MessageCodec.encode(new Message.Delta(1, "first", List.of())));
        byte[] corrupted = stream.toByteArray();
        corrupted[corrupted.length - 6] ^= 0x40;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(corrupted);
        new FrameWriter(all).write(MessageCodec.encode(new Message.Delta(2, "second", List.of())));

        FrameReader reader = new FrameReader(new ByteArrayInputStream(all.toByteArray()), bytes -> { });
        assertEquals(new Message.Delta(2, "second", List.of()), MessageCodec.decode(reader.read()));
        assertNull(reader.read());
    }
}
