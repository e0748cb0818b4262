package dev.juxta.llama;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void streams() {
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults())) {
            LlamaSession s = engine.createSession("a", SessionOptions.defaults().withTemperature(0).withMaxTokens(40));
            RecordingStream r = new RecordingStream();
            long t = System.nanoTime();
            s.stream("Once upon a time", r);
            System.out.println("TEXT=" + r.text() + " events=" + r.events + " stats=" + s.lastStats() + " ms=" + (System.nanoTime()-t)/1e6);
            RecordingStream r2 = new RecordingStream();
            s.stream(" Then", r2);
            System.out.println("TEXT2=" + r2.text() + " stats=" + s.lastStats());
        }
    }
}
