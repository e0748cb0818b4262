package dev.juxta.app.chat;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

/**
 * Text the user can select and copy, laid out like a wrapping label: a read-only TextArea exactly
 * as tall as its text, so the conversation scrolls, never the text. Its height is measured with a
 * Text of the same font and wrapping width, once per width: the conversation asks every turn for
 * its height on each layout.
 */
final class SelectableText extends TextArea {
    private final Text measure = new Text();
    private final HeightCache heights = new HeightCache();

    SelectableText(String text, String styleClass) {
        super(text);
        measure.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER); // as the TextArea's own Text
        getStyleClass().addAll("selectable-text", styleClass);
        setEditable(false);
        setWrapText(true);
        setFocusTraversable(false);
        setMaxWidth(Double.MAX_VALUE);
        setMinHeight(USE_PREF_SIZE);
        setMaxHeight(USE_PREF_SIZE);
        textProperty().addListener(o -> heights.clear());
        fontProperty().addListener(o -> heights.clear());
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefHeight(double width) {
        return width < 0 ? super.computePrefHeight(width) : heights.pref(width, this::measureHeight);
    }

    private double measureHeight(double width) {
        Insets insets = getInsets();
        Insets content = contentPadding();
        measure.setFont(getFont());
        measure.setWrappingWidth(Math.max(1, width - insets.getLeft() - insets.getRight()
                - content.getLeft() - content.getRight()));
        measure.setText(getText().isEmpty() ? " " : getText());
        return Math.ceil(measure.getLayoutBounds().getHeight()) + insets.getTop() + insets.getBottom()
                + content.getTop() + content.getBottom();
    }

    /** The padding of the skin's text region, set by the stylesheet. */
    private Insets contentPadding() {
        return lookup(".content") instanceof Region region ? region.getPadding() : Insets.EMPTY;
    }
}
