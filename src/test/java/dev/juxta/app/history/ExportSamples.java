package dev.juxta.app.history;

import dev.juxta.app.chat.AnswerFigures;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A comparison with every kind of field: Unicode, an empty answer, a turn without figures, a pane without a model. */
final class ExportSamples {
    static final Path MODEL = Path.of("/models/tïny 🦙.gguf");
    static final String TEMPLATE = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
    static final String SHA = "5d4c1e2f".repeat(8);

    private ExportSamples() {
    }

    static ExportedComparison comparison() {
        SessionOptions options = new SessionOptions("Réponds en français. « citation » \"quoted\"", 0.7, 0.9, 40, 0.05, 1.1,
                256, 42, false, 5);
        PaneSnapshot first = new PaneSnapshot("Chat 1", new ModelRef(MODEL, "tiny llama", "Q4_0", 1_234_567), options, List.of(
                new TurnSnapshot("Once upon a time 🚀\nsecond line | pipe", "there was a ```fenced``` dog 日本語.", 42,
                        new AnswerFigures(31, 24, 12, 310.25, StopReason.END_OF_TEXT)),
                new TurnSnapshot("And then?", "", 1_234_567, new AnswerFigures(40, 0, -1, 0.0, StopReason.CANCELLED)),
                new TurnSnapshot("Still streaming", "half an ans", 7, null)));
        PaneSnapshot second = new PaneSnapshot("Chat 2", null, SessionOptions.defaults(), List.of());
        ReproducibilityCard card = new ReproducibilityCard(MODEL, 1_234_567, SHA, "Q4_0", "tiny llama", "llama", TEMPLATE,
                "v0.5.0", 2, 2048, true);
        return new ExportedComparison("c0ffee-id", "Once upon a time 🚀", Instant.parse("2026-01-31T12:00:00.123Z"),
                "0.1.0", List.of(new ExportedPane(first, card), new ExportedPane(second, null)));
    }
}
