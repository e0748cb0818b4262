package dev.juxta.app.history;

import dev.juxta.app.chat.PaneSnapshot;

/**
 * One pane of an exported comparison.
 *
 * @param pane its settings and turns
 * @param card its model and engine; null when the pane had no model loaded
 */
public record ExportedPane(PaneSnapshot pane, ReproducibilityCard card) {
}
