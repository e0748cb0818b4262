package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.Fx;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/** Following growing content: at the end unless the user scrolled up, and again once back at the bottom. */
class ScrollFollowerTest {
    private VBox content;
    private ScrollPane scroller;

    private void grow(int lines) {
        for (int i = 0; i < lines; i++) {
            content.getChildren().add(new Label("line " + content.getChildren().size()));
        }
        scroller.applyCss();
        scroller.layout();
    }

    @Test
    void followsUntilTheUserScrollsUpAndAgainAtTheBottom() throws Exception {
        ScrollFollower follower = Fx.call(() -> {
            content = new VBox();
            scroller = new ScrollPane(content);
            new Scene(scroller, 200, 100);
            return new ScrollFollower(scroller, content);
        });

        Fx.run(() -> grow(40));
        assertEquals(Fx.call(scroller::getVmax), Fx.call(scroller::getVvalue), 1e-9, "the end shows");

        Fx.run(() -> scroller.setVvalue(0.3));
        Fx.run(() -> grow(10));
        assertFalse(Fx.call(follower::isFollowing), "the user scrolled up");
        assertTrue(Fx.call(scroller::getVvalue) < 0.3, "the text read stays, so the bar moves up as content grows below");

        Fx.run(() -> scroller.setVvalue(scroller.getVmax()));
        Fx.run(() -> grow(10));
        assertTrue(Fx.call(follower::isFollowing));
        assertEquals(Fx.call(scroller::getVmax), Fx.call(scroller::getVvalue), 1e-9, "following again");

        Fx.run(() -> {
            scroller.setVvalue(0);
            follower.follow();
            grow(5);
        });
        assertEquals(Fx.call(scroller::getVmax), Fx.call(scroller::getVvalue), 1e-9, "follow() resumes at the next growth");
    }
}
