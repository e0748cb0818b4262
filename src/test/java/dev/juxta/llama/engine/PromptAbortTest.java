package dev.juxta.llama.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.Started;
import dev.juxta.testkit.TestModels;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cancelling an answer whose prompt is being read aborts the decode in flight (llama.cpp's abort
 * callback) instead of waiting for it: in process, on a model big enough that reading a prompt
 * takes a few hundred milliseconds.
 */
class PromptAbortTest {
    @Test
    void aCancelDuringThePromptReadAbortsTheDecode() throws Exception {
        Path file = TestModels.randomLlama134M();
        PipedInputStream fromEngine = new PipedInputStream(1 << 20);
        FrameWriter out = new FrameWriter(new PipedOutputStream(fromEngine));
        FrameReader in = new FrameReader(fromEngine, bytes -> { });
        try (LoadedModel model = LoadedModel.load(file.toString(), "134M", 1, 1024, 2, false, null)) {
            EngineServer server = new EngineServer(model, out, 1, 1024, false);
            Thread decoder = Thread.ofPlatform().daemon().name("test-decode").start(server::decodeLoop);
            try {
                cancelAndContinue(server, in);
            } finally {
                decoder.interrupt(); // the model is freed after this: no decode may run then
                decoder.join();
            }
        }
    }

    private static void cancelAndContinue(EngineServer server, FrameReader in) throws IOException {
        // One chunk of prompt (under 512 tokens), so that without the abort it would be read whole.
        String prompt = "Apple. ".repeat(90);
        server.generate(new Generate(1, 0, 1, SessionOptions.defaults().withTemperature(0).withMaxTokens(4), List.of(), prompt, ""));

        Started started = assertInstanceOf(Started.class, next(in));
        assertTrue(started.promptTokens() > 100 && started.promptTokens() < LoadedModel.BATCH_TOKENS, "prompt " + started);
        server.cancel(1);
        Done done = assertInstanceOf(Done.class, next(in));

        assertEquals(StopReason.CANCELLED, done.reason());
        assertEquals(0, done.promptTokensRead(), "the decode reading the prompt was aborted, not finished");
        server.generate(new Generate(2, 0, 1, SessionOptions.defaults().withTemperature(0).withMaxTokens(4), List.of(), "Apple.", ""));
        Started again = assertInstanceOf(Started.class, next(in));
        Message last;
        do {
            last = next(in);
        } while (last instanceof Message.Delta);
        Done second = assertInstanceOf(Done.class, last);
        assertEquals(again.promptTokens(), second.promptTokensRead(), "nothing of the aborted read was kept");
    }

    private static Message next(FrameReader in) throws IOException {
        return MessageCodec.decode(in.read());
    }
}
