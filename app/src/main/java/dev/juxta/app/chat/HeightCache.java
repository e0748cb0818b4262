package dev.juxta.app.chat;

import java.util.function.DoubleUnaryOperator;

/**
 * A node's minimum and preferred height for the last width asked. A VBox asks each child for both
 * on every layout, and a child that wraps text re-measures the text for each ask: JavaFX caches
 * neither when the height depends on the width. Nested VBoxes multiply the asks, so without this a
 * frame of a streaming answer re-measured every prompt and stats line of the whole conversation.
 * The owner clears it whenever what it measures changes.
 */
final class HeightCache {
    private double prefWidthAsked = Double.NaN;
    private double prefHeight;
    private double minWidthAsked = Double.NaN;
    private double minHeight;

    double pref(double width, DoubleUnaryOperator measure) {
        if (width != prefWidthAsked) {
            prefHeight = measure.applyAsDouble(width);
            prefWidthAsked = width;
        }
        return prefHeight;
    }

    double min(double width, DoubleUnaryOperator measure) {
        if (width != minWidthAsked) {
            minHeight = measure.applyAsDouble(width);
            minWidthAsked = width;
        }
        return minHeight;
    }

    void clear() {
        prefWidthAsked = Double.NaN;
        minWidthAsked = Double.NaN;
    }
}
