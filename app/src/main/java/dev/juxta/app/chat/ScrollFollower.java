package dev.juxta.app.chat;

import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * Keeps a scroll pane at the end of growing content unless the user has scrolled up; scrolling
 * back to the bottom resumes following.
 *
 * <p>When the content grows, the scroll pane keeps the text where it was and moves the scroll bar
 * before the height's listeners hear of it: a scroll change while the height is new is that, not
 * the user, and the height's listener then scrolls to the end if following.
 *
 * <p>FX thread only.
 */
final class ScrollFollower {
    private final ScrollPane scroller;
    private boolean following = true;
    /** The content's height when the scroll position was last decided. */
    private double heightSeen;

    ScrollFollower(ScrollPane scroller, Region content) {
        this.scroller = scroller;
        scroller.vvalueProperty().addListener((obs, old, now) -> {
            if (content.getHeight() == heightSeen) {
                following = now.doubleValue() >= scroller.getVmax() - 0.01;
            }
        });
        content.heightProperty().addListener((obs, old, now) -> {
            heightSeen = now.doubleValue();
            if (following) {
                scroller.setVvalue(scroller.getVmax());
            }
        });
    }

    /** Follows again from the next growth on (the user sent a message). */
    void follow() {
        following = true;
    }

    boolean isFollowing() {
        return following;
    }
}
