package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.TurnModel;
import dev.juxta.app.testkit.Fx;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.fxmisc.richtext.StyleClassedTextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The compare features on the real app and the real stories260K model: the strip, the diff panel, divergence and forks. */
class CompareEndToEndTest extends RealAppTest {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Test
    void theStripShowsATemperatureTypedInOnePaneAsADifference(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        Label same = robot.lookup("#same-settings").queryAs(Label.class);
        assertTrue(Fx.call(same::getText).contains("temperature 0.8"), Fx.call(same::getText));
        assertTrue(Fx.call(same::getText).contains("model file " + AppDriver.CHAT_MODEL), Fx.call(same::getText));
        assertTrue(robot.lookup(".difference-cell").queryAll().isEmpty(), "equal settings make no rows");

        robot.clickOn(driver.id(1) + " .pane-settings .title");
        robot.doubleClickOn(driver.id(1) + " .setting-temperature").write("1.3");
        Fx.waitFor("the temperature row", Duration.ofSeconds(5), () -> !robot.lookup("#difference-temperature").queryAll().isEmpty());
        List<Label> differing = robot.lookup(".difference-cell.differs").queryAllAs(Label.class).stream().toList();
        assertEquals(List.of("1.3"), differing.stream().map(l -> Fx.call(l::getText)).toList(), "only Chat 2's value is marked");
        assertFalse(Fx.call(same::getText).contains("temperature"), Fx.call(same::getText));
    }

    @Test
    void theDiffPanelComparesTwoAnswersMarksTheirDivergenceAndForksAtAnAlternative(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        ChatViewModel two = driver.pane(1);
        robot.clickOn("#toggle-diff");
        assertFalse(robot.lookup("#diff-panel").queryAll().isEmpty(), "the Diff button shows the panel");
        robot.press(KeyCode.CONTROL).press(KeyCode.D).release(KeyCode.D).release(KeyCode.CONTROL);
        Fx.waitFor("Ctrl+D to hide the panel", Duration.ofSeconds(5), () -> robot.lookup("#diff-panel").queryAll().isEmpty());
        robot.press(KeyCode.CONTROL).press(KeyCode.D).release(KeyCode.D).release(KeyCode.CONTROL);
        Fx.waitFor("Ctrl+D to show it again", Duration.ofSeconds(5), () -> !robot.lookup("#diff-panel").queryAll().isEmpty());
        Label summary = robot.lookup("#diff-summary").queryAs(Label.class);
        StyleClassedTextArea words = robot.lookup("#diff-text").queryAs(StyleClassedTextArea.class);

        // Greedy, same settings: the same answer, all of it equal.
        driver.setSetting(one, "0", "48");
        driver.setSetting(two, "0", "48");
        sendToAll(robot, "Once upon a time", one, two);
        Fx.waitFor("identical answers", Duration.ofSeconds(10), () -> summary.getText().equals("Identical answers."));
        String answer = Fx.call(() -> one.turns().getLast().answer());
        assertEquals(answer, Fx.call(words::getText));
        assertEquals(List.of("diff-equal"), Fx.call(() -> List.copyOf(words.getStyleOfChar(answer.length() / 2))));

        // Sampled with different seeds: they part somewhere, and both answers mark where.
        driver.setSetting(one, "1.0", "48");
        driver.setSetting(two, "1.0", "48");
        Fx.run(() -> {
            one.settings().seedProperty().set("1");
            two.settings().seedProperty().set("2");
        });
        sendToAll(robot, "The little dog", one, two);
        Fx.waitFor("a divergence", Duration.ofSeconds(10), () -> summary.getText().startsWith("First difference (by tokens)"));
        String left = Fx.call(() -> one.turns().getLast().answer());
        String right = Fx.call(() -> two.turns().getLast().answer());
        String shown = Fx.call(words::getText);
        assertTrue(shown.contains(commonStart(left, right)), "the word diff shows the shared start");
        assertTrue(Fx.call(() -> hasStyle(words, "diff-deleted") && hasStyle(words, "diff-inserted")), "and what each pane has alone");
        StyleClassedTextArea leftTokens = robot.lookup("#tokens-left").queryAs(StyleClassedTextArea.class);
        StyleClassedTextArea rightTokens = robot.lookup("#tokens-right").queryAs(StyleClassedTextArea.class);
        int mark = Fx.call(() -> firstWithStyle(leftTokens, "divergence"));
        assertTrue(mark >= 0 && Fx.call(() -> firstWithStyle(rightTokens, "divergence")) >= 0, "the divergence is marked in both answers");
        assertEquals(left.substring(0, mark), right.substring(0, mark), "nothing differs before it");
        assertTrue(Fx.call(() -> hasStyle(leftTokens, "token-shade-")), "tokens are shaded by probability");

        // A click on the divergent token lists its alternatives; one of them starts a fork.
        Point2D at = Fx.call(() -> centre(leftTokens.getCharacterBoundsOnScreen(mark, mark + 1).orElseThrow()));
        robot.clickOn(at);
        Fx.waitFor("the alternatives", Duration.ofSeconds(5), () -> !forkItems().isEmpty());
        String chosen = left.substring(mark, Fx.call(() -> endOfStyle(leftTokens, mark, "divergence")));
        MenuItem fork = Fx.call(CompareEndToEndTest::forkItems).stream().filter(item -> !item.isDisable() && !item.getText().contains("“" + chosen + "”"))
                .findFirst().orElseThrow(() -> new AssertionError("no other alternative than " + chosen));
        String alternative = fork.getText().substring(fork.getText().indexOf('“') + 1, fork.getText().lastIndexOf('”')).replace("⏎", "\n");
        robot.clickOn(fork.getText());
        Fx.waitFor("a third pane", Duration.ofSeconds(10), () -> driver.app.workspace().panes().size() == 3);
        ChatViewModel third = driver.pane(2);
        Fx.waitFor("the fork to answer", Duration.ofSeconds(60), () -> !third.turns().isEmpty() && third.turns().getLast().finishedProperty().get());
        driver.waitIdle(third);
        TurnModel forked = Fx.call(() -> third.turns().getLast());
        String prefix = left.substring(0, mark) + alternative;
        assertEquals("The little dog", forked.prompt());
        assertEquals(2, Fx.call(() -> third.turns().size()), "the conversation before the forked turn came along");
        assertTrue(forked.answer().startsWith(prefix), () -> "'" + forked.answer() + "' starts with '" + prefix + "'");
        assertTrue(forked.answer().length() > prefix.length(), "the fork streamed on from the alternative");
        assertEquals(ChatState.IDLE, Fx.call(third::state));
    }

    private void sendToAll(FxRobot robot, String prompt, ChatViewModel one, ChatViewModel two) {
        int before = Fx.call(() -> one.turns().size());
        robot.clickOn("#broadcast-prompt").write(prompt);
        robot.clickOn("#send-all");
        Fx.waitFor("both panes to take the prompt", Duration.ofSeconds(10),
                () -> one.turns().size() > before && two.turns().size() > before);
        driver.waitIdle(one);
        driver.waitIdle(two);
    }

    /** The fork items of the context menu showing; FX thread. */
    private static List<MenuItem> forkItems() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof ContextMenu && w.isShowing())
                .flatMap(w -> ((ContextMenu) w).getItems().stream())
                .filter(item -> item.getText() != null && item.getText().startsWith("Fork from here"))
                .toList();
    }

    private static String commonStart(String a, String b) {
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    private static boolean hasStyle(StyleClassedTextArea area, String prefix) {
        return firstWithStyle(area, prefix) >= 0;
    }

    private static int firstWithStyle(StyleClassedTextArea area, String prefix) {
        for (int i = 0; i < area.getLength(); i++) {
            if (area.getStyleOfChar(i).stream().anyMatch(s -> s.startsWith(prefix))) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfStyle(StyleClassedTextArea area, int from, String style) {
        int i = from;
        while (i < area.getLength() && area.getStyleOfChar(i).contains(style)) {
            i++;
        }
        return i;
    }

    private static Point2D centre(Bounds bounds) {
        return new Point2D(bounds.getCenterX(), bounds.getCenterY());
    }
}
