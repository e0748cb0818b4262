package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatView;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.ScrollPosition;
import dev.juxta.app.chat.TurnModel;
import dev.juxta.app.testkit.Fx;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Regenerate, edit and resend, fork a pane, synchronized scrolling: by the robot, on the real model. */
class ReviseAndSyncEndToEndTest extends RealAppTest {

    private void send(FxRobot robot, int pane, String prompt) {
        robot.clickOn(driver.id(pane) + "-prompt").write(prompt).type(KeyCode.ENTER);
        ChatViewModel model = driver.pane(pane);
        Fx.waitFor("the turn to start", Duration.ofSeconds(10), () -> model.turns().stream().anyMatch(t -> t.prompt().equals(prompt)));
        driver.waitIdle(model);
    }

    private static String lastAnswer(ChatViewModel pane) {
        return Fx.call(() -> pane.turns().getLast().answer());
    }

    /** The node of the pane's last turn matching {@code selector}. */
    private Node inLastTurn(FxRobot robot, int pane, String selector) {
        List<Node> found = List.copyOf(robot.lookup(driver.id(pane) + " " + selector).queryAll());
        return found.getLast();
    }

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Test
    void regenerateWithTheSameSeedGivesTheSameAnswerAndEditingAPromptResendsFromThere(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        driver.setSetting(one, "1.0", "40");
        send(robot, 0, "Tell me a story");
        String first = lastAnswer(one);
        long seed = Fx.call(() -> one.turns().getLast().seed());

        long revision = Fx.call(() -> one.revisionProperty().get());
        robot.clickOn(inLastTurn(robot, 0, ".regenerate"));
        robot.clickOn(".regenerate-same-seed");
        // Dropped, sent, ended: three changes.
        Fx.waitFor("the answer to be drawn again", Duration.ofSeconds(30), () -> one.revisionProperty().get() >= revision + 3 && !one.state().isBusy());
        assertEquals(1, Fx.call(() -> one.turns().size()), "the answer was replaced");
        assertEquals(first, lastAnswer(one), "same seed, same answer");

        robot.clickOn(inLastTurn(robot, 0, ".regenerate"));
        robot.clickOn(".regenerate-new-seed");
        Fx.waitFor("a new seed", Duration.ofSeconds(10), () -> one.turns().getLast().seed() != seed);
        driver.waitIdle(one);
        assertEquals(1, Fx.call(() -> one.turns().size()));

        send(robot, 0, "And then?");
        assertEquals(2, Fx.call(() -> one.turns().size()));
        List<Node> edits = List.copyOf(robot.lookup(driver.id(0) + " .edit-prompt").queryAll());
        robot.clickOn(edits.getFirst());
        Node editor = robot.lookup(driver.id(0) + " .prompt-editor-text").queryAll().stream()
                .filter(Node::isVisible).findFirst().orElseThrow();
        robot.clickOn(editor).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("Tell me about a cat");
        robot.clickOn(robot.lookup(driver.id(0) + " .prompt-editor-send").queryAll().stream()
                .filter(Node::isVisible).findFirst().orElseThrow());
        Fx.waitFor("the edited prompt to be sent", Duration.ofSeconds(10),
                () -> one.turns().size() == 1 && one.turns().getFirst().prompt().equals("Tell me about a cat"));
        driver.waitIdle(one);
        assertFalse(lastAnswer(one).isEmpty());
    }

    @Test
    void aForkedPaneHasTheConversationAndGoesOnAlone(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        driver.setSetting(one, "0.5", "24");
        send(robot, 0, "Hello");

        robot.clickOn(driver.id(0) + "-fork");
        Fx.waitFor("a third pane", Duration.ofSeconds(10), () -> driver.app.workspace().panes().size() == 3);
        ChatViewModel fork = driver.pane(2);
        Fx.waitFor("the fork's model", Duration.ofSeconds(60), () -> fork.canReviseProperty().get());
        assertEquals(Fx.call(() -> one.snapshot().turns()), Fx.call(() -> fork.snapshot().turns()));
        assertEquals("0.5", Fx.call(() -> fork.settings().temperatureProperty().get()));

        send(robot, 2, "Tell me more");
        assertEquals(2, Fx.call(() -> fork.turns().size()));
        assertEquals(1, Fx.call(() -> one.turns().size()), "the original pane is left alone");
    }

    @Test
    void withSyncOnScrollingOnePaneShowsTheSameTurnInTheOther(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        ChatViewModel two = driver.pane(1);
        driver.setSetting(one, "0.8", "200");
        driver.setSetting(two, "0.8", "40");
        for (String prompt : List.of("Tell me a story", "Another one", "About a dog", "About a cat", "About the sea",
                "About a bird", "About a tree", "The end")) {
            robot.clickOn("#broadcast-prompt").write(prompt).type(KeyCode.ENTER);
            Fx.waitFor("both panes to take it", Duration.ofSeconds(10),
                    () -> one.turns().getLast().prompt().equals(prompt) && two.turns().getLast().prompt().equals(prompt));
            driver.waitIdle(one);
            driver.waitIdle(two);
        }
        ChatView left = Fx.call(() -> driver.app.view().viewOf(one));
        ChatView right = Fx.call(() -> driver.app.view().viewOf(two));
        ScrollPane leftScroller = robot.lookup(driver.id(0) + "-conversation").queryAs(ScrollPane.class);
        ScrollPane rightScroller = robot.lookup(driver.id(1) + "-conversation").queryAs(ScrollPane.class);
        for (ScrollPane scroller : List.of(leftScroller, rightScroller)) {
            double content = Fx.call(() -> scroller.getContent().getLayoutBounds().getHeight());
            double viewport = Fx.call(() -> scroller.getViewportBounds().getHeight());
            assertTrue(content > viewport + 100, "both panes' turns are long enough to scroll through: " + content + " in " + viewport);
        }

        Fx.run(() -> leftScroller.setVvalue(0));
        assertEquals(0, Fx.call(left::scrollPosition).turn(), "scrolled to the top");
        int rightAtEnd = Fx.call(right::scrollPosition).turn();
        assertNotEquals(0, rightAtEnd, "without sync the other pane stays at its end");

        robot.clickOn("#sync-scroll");
        Node thumb = Fx.call(() -> leftScroller.lookupAll(".scroll-bar").stream()
                .filter(bar -> bar instanceof ScrollBar scrollBar && scrollBar.getOrientation() == Orientation.VERTICAL
                        && scrollBar.getParent() == leftScroller)
                .findFirst().orElseThrow().lookup(".thumb"));
        robot.drag(thumb).moveBy(0, 10);
        for (int i = 0; i < 60 && (Fx.call(left::scrollPosition).turn() < 1 || Fx.call(left::scrollPosition).turn() == rightAtEnd); i++) {
            robot.moveBy(0, 10);
        }
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        ScrollPosition leader = Fx.call(left::scrollPosition);
        assertTrue(leader.turn() >= 1 && leader.turn() != rightAtEnd, "scrolled into a later turn: " + leader);
        Fx.waitFor("the right pane to follow", Duration.ofSeconds(5), () -> right.scrollPosition().turn() == leader.turn());

        TurnModel shown = Fx.call(() -> two.turns().get(right.scrollPosition().turn()));
        assertEquals(Fx.call(() -> one.turns().get(leader.turn()).prompt()), shown.prompt(), "the same turn lines up");
    }
}
