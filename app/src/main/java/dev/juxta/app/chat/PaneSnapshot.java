package dev.juxta.app.chat;

import dev.juxta.llama.SessionOptions;
import java.util.List;

/**
 * A pane as it can be saved, exported and restored: its name, model, settings and turns.
 *
 * @param name    the pane's name, e.g. "Chat 1"
 * @param model   the model it runs; null when it has none
 * @param options its sampling settings
 * @param turns   its conversation, oldest first
 */
public record PaneSnapshot(String name, ModelRef model, SessionOptions options, List<TurnSnapshot> turns) {

    public PaneSnapshot {
        turns = List.copyOf(turns);
    }
}
