package dev.juxta.app.chat;

import java.util.function.BiFunction;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;
import javafx.scene.text.TextFlow;

/**
 * One block of an answer while it streams: a text flow of one text, which lays its text out once
 * per change and width. A wrapping label laid the same text out three times a frame (its height,
 * then its clipped text, then its inner text node): 90 µs a frame against 30 at 1,000 characters,
 * once compiled (a probe growing the text 4 characters a step).
 */
final class AnswerBlock extends TextFlow {
    /** The last font measured and its line gap: every block of every pane has the same font. FX thread only. */
    private static Font measuredFont;
    private static double measuredGap;
    private final Text text = new Text();

    AnswerBlock(String content) {
        text.setText(content);
        text.getStyleClass().add("answer-block-text");
        getChildren().add(text);
        getStyleClass().add("answer-block");
        // As tall as its text, never shrunk: a VBox then needs one measurement, not two.
        setMinHeight(USE_PREF_SIZE);
        spaceLinesFor(text.getFont());
        text.fontProperty().addListener((obs, old, font) -> spaceLinesFor(font));
    }

    StringProperty textProperty() {
        return text.textProperty();
    }

    /**
     * A text area, which shows the answer once it has ended, gives each line a box centred on the
     * font (18 px apart at 14 px Serif); a text flow packs them closer (16.3). The difference as
     * line spacing keeps the lines where they are when the answer becomes selectable text.
     */
    private void spaceLinesFor(Font font) {
        if (!font.equals(measuredFont)) {
            measuredGap = Math.max(0, linePitch(font, AnswerBlock::centredText) - linePitch(font, AnswerBlock::flowedText));
            measuredFont = font;
        }
        double gap = measuredGap;
        setLineSpacing(gap);
        setPadding(new Insets(gap / 2, 0, gap / 2, 0));
    }

    /** How far apart lines are: the height of two lines less that of one. */
    private static double linePitch(Font font, BiFunction<Font, String, Node> shape) {
        return shape.apply(font, "X\nX").prefHeight(-1) - shape.apply(font, "X").prefHeight(-1);
    }

    /** Laid out like the text area's text. */
    private static Node centredText(Font font, String content) {
        Text text = new Text(content);
        text.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER);
        text.setFont(font);
        return text;
    }

    private static Node flowedText(Font font, String content) {
        Text text = new Text(content);
        text.setFont(font);
        return new TextFlow(text);
    }
}
