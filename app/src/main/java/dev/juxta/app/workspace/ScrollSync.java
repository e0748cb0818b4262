package dev.juxta.app.workspace;

import dev.juxta.app.chat.ChatView;
import dev.juxta.app.chat.ScrollPosition;
import java.util.Collection;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Synchronized scrolling: when one pane scrolls, the others show the same turn at the same point,
 * however long each pane's answers are. FX thread only.
 */
final class ScrollSync {
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final Collection<ChatView> views;
    /** Set while this class scrolls the others, whose own scroll events must not lead in turn. */
    private boolean aligning;

    /** {@code views}: the live collection of the window's pane views. */
    ScrollSync(Collection<ChatView> views) {
        this.views = views;
    }

    void watch(ChatView view) {
        view.scrollValueProperty().addListener((obs, old, now) -> align(view));
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    private void align(ChatView leader) {
        if (!enabled.get() || aligning || !views.contains(leader)) {
            return;
        }
        aligning = true;
        try {
            ScrollPosition position = leader.scrollPosition();
            views.stream().filter(view -> view != leader).forEach(view -> view.scrollTo(position));
        } finally {
            aligning = false;
        }
    }
}
