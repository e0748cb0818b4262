package dev.juxta.app.chat;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;

/**
 * One block of an answer: a wrapping label that measures its text once per text and width
 * ({@link HeightCache}), so a frame re-measures only the block that grew.
 */
final class AnswerBlock extends Label {
    private final HeightCache heights = new HeightCache();

    AnswerBlock(String text) {
        super(text);
        getStyleClass().add("answer-block");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        // As tall as its text, never shrunk: and the VBox then needs one measurement, not two.
        setMinHeight(USE_PREF_SIZE);
        InvalidationListener forget = o -> heights.clear();
        textProperty().addListener(forget);
        fontProperty().addListener(forget);
    }

    @Override
    protected double computePrefHeight(double width) {
        return heights.pref(width, super::computePrefHeight);
    }
}
