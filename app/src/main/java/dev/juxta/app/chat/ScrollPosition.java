package dev.juxta.app.chat;

/**
 * Where a conversation is scrolled to.
 *
 * @param turn   the index of the turn at the top of the view
 * @param within how far into that turn the top is, from 0 (its start) to 1 (its end)
 */
public record ScrollPosition(int turn, double within) {
}
