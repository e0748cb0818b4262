package dev.juxta.app.workspace;

import dev.juxta.app.chat.PaneSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A comparison as saved, exported and restored: the window's panes with their conversations.
 *
 * @param id      stable across saves of the same comparison
 * @param title   what the conversations list shows: the first prompt, or "New comparison"
 * @param updated when it last changed
 * @param panes   its panes, left to right
 */
public record ComparisonSnapshot(String id, String title, Instant updated, List<PaneSnapshot> panes) {
    public static final String UNTITLED = "New comparison";

    public ComparisonSnapshot {
        panes = List.copyOf(panes);
    }

    /** The first prompt of the first pane that has one. */
    static String titleOf(List<PaneSnapshot> panes) {
        return panes.stream().flatMap(p -> p.turns().stream()).findFirst()
                .map(t -> t.prompt().length() > 80 ? t.prompt().substring(0, 79) + "…" : t.prompt())
                .orElse(UNTITLED);
    }
}
