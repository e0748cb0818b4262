package dev.juxta.app.history;

import java.time.Instant;
import java.util.List;

/**
 * A saved comparison as the conversations list shows it.
 *
 * @param id         the comparison's id
 * @param title      its first prompt
 * @param updated    when it last changed
 * @param paneCount  how many panes it has
 * @param modelNames its panes' models, each once, in pane order
 */
public record ConversationSummary(String id, String title, Instant updated, int paneCount, List<String> modelNames) {

    public ConversationSummary {
        modelNames = List.copyOf(modelNames);
    }
}
