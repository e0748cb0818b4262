package dev.juxta.app.chat;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;

/**
 * One block of an answer: a wrapping label that remembers its height for the last width. The
 * conversation's VBox asks every child for its height on each layout, and a wrapping label
 * measures its whole text for that, so without the cache every frame re-measured every finished
 * block of every answer.
 */
final class AnswerBlock extends Label {
    private double prefWidthAsked = Double.NaN;
    private double prefHeight;
    private double minWidthAsked = Double.NaN;
    private double minHeight;

    AnswerBlock(String text) {
        super(text);
        getStyleClass().add("answer-block");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        InvalidationListener forget = o -> {
            prefWidthAsked = Double.NaN;
            minWidthAsked = Double.NaN;
        };
        textProperty().addListener(forget);
        fontProperty().addListener(forget);
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width != prefWidthAsked) {
            prefHeight = super.computePrefHeight(width);
            prefWidthAsked = width;
        }
        return prefHeight;
    }

    @Override
    protected double computeMinHeight(double width) {
        if (width != minWidthAsked) {
            minHeight = super.computeMinHeight(width);
            minWidthAsked = width;
        }
        return minHeight;
    }
}
