package dev.juxta.app.history;

import dev.juxta.app.workspace.ComparisonSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A comparison as exported: its panes with their reproducibility cards, when and by what it was written.
 *
 * @param id         the comparison's id in the app that exported it
 * @param title      its title
 * @param exportedAt when it was exported
 * @param appVersion the Juxta version that exported it
 * @param panes      its panes, left to right
 */
public record ExportedComparison(String id, String title, Instant exportedAt, String appVersion, List<ExportedPane> panes) {

    public ExportedComparison {
        panes = List.copyOf(panes);
    }

    /**
     * The comparison to restore, under {@code newId}: an import is a new comparison, so that it never
     * overwrites the saved one it came from (or an earlier import of the same file).
     */
    public ComparisonSnapshot toSnapshot(String newId, Instant now) {
        return new ComparisonSnapshot(newId, title, now, panes.stream().map(ExportedPane::pane).toList());
    }
}
