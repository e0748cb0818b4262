package dev.juxta.app.chat;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * A conversation's scroll position in terms of its turns, so that panes whose turns differ in length
 * can be lined up turn by turn. FX thread only.
 */
final class TurnScroll {
    private final ScrollPane scroller;
    private final Region content;
    private final List<Node> turns;

    TurnScroll(ScrollPane scroller, Region content, List<Node> turns) {
        this.scroller = scroller;
        this.content = content;
        this.turns = turns;
    }

    /** The turn at the top of the viewport and how far into it the top is. */
    ScrollPosition position() {
        double top = scroller.getVvalue() * scrollRange();
        for (int i = 0; i < turns.size(); i++) {
            Bounds bounds = turns.get(i).getBoundsInParent();
            if (top < bounds.getMaxY()) {
                return new ScrollPosition(i, within(top, bounds));
            }
        }
        return new ScrollPosition(Math.max(0, turns.size() - 1), 1);
    }

    /** Puts that point of that turn at the top; a pane with fewer turns shows the end of its last one. */
    void scrollTo(ScrollPosition position) {
        double range = scrollRange();
        if (turns.isEmpty() || range <= 0) {
            return;
        }
        Bounds bounds = turns.get(Math.min(position.turn(), turns.size() - 1)).getBoundsInParent();
        double top = position.turn() < turns.size() ? bounds.getMinY() + position.within() * bounds.getHeight() : bounds.getMaxY();
        scroller.setVvalue(Math.clamp(top / range, 0, 1) * scroller.getVmax());
    }

    private double scrollRange() {
        return Math.max(0, content.getHeight() - scroller.getViewportBounds().getHeight());
    }

    private static double within(double top, Bounds bounds) {
        return bounds.getHeight() <= 0 ? 0 : Math.clamp((top - bounds.getMinY()) / bounds.getHeight(), 0, 1);
    }
}
