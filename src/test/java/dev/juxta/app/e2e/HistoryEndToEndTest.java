package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.history.ConversationSummary;
import dev.juxta.app.testkit.Fx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** History, end to end: the real app is stopped and started again on the same home, and the conversations list reopens the past. */
@ExtendWith(ApplicationExtension.class)
class HistoryEndToEndTest {
    @TempDir
    static Path home;
    private AppDriver first;
    private AppDriver second;

    @Start
    void start(Stage stage) {
        AppDriver.freshHome(home.resolve("run-" + System.nanoTime()));
        first = new AppDriver(new FxRobot());
        first.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (second != null) {
            Fx.run(second.app::stop);
        }
    }

    @Test
    void panesComeBackAfterARestartAndTheListReopensAnOlderComparison(FxRobot robot) {
        first.pickModel(AppDriver.CHAT_MODEL);
        first.setSetting(first.pane(0), "0", "24");
        first.setSetting(first.pane(1), "0.5", "16");
        ChatViewModel storyteller = first.pane(1);
        Fx.run(() -> {
            storyteller.settings().systemPromptProperty().set("Tu es un conteur. 🦊");
            storyteller.settings().apply();
        });
        chat(robot, first, 0, "Once upon a time");
        chat(robot, first, 1, "The little dog");
        List<PaneSnapshot> before = Fx.call(() -> first.app.workspace().snapshot().panes());
        Fx.run(first.app::stop);
        Fx.run(() -> first.app.view().getScene().getWindow().hide());

        second = new AppDriver(robot);
        Fx.run(() -> second.start(new Stage()));
        Fx.waitFor("the panes to come back with their model", Duration.ofSeconds(60), () -> second.app.workspace().panes().size() == 2
                && second.app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE));
        assertEquals(before, Fx.call(() -> second.app.workspace().snapshot().panes()), "names, models, settings and turns");
        ChatViewModel restored = second.pane(1);
        assertEquals("Tu es un conteur. 🦊", Fx.call(() -> restored.settings().systemPromptProperty().get()));
        assertTrue(robot.lookup("#model-table").queryAll().isEmpty(), "no picker: the panes have their model");

        ChatViewModel one = chat(robot, second, 0, "And then?");
        assertEquals(2, Fx.call(() -> one.turns().size()));
        assertEquals(ChatState.IDLE, Fx.call(one::state));
        assertFalse(Fx.call(() -> one.turns().get(1).answer()).isEmpty(), "the second turn streams");

        robot.clickOn(second.id(0) + "-prompt");
        robot.press(KeyCode.CONTROL).press(KeyCode.H).release(KeyCode.H).release(KeyCode.CONTROL);
        Fx.waitFor("the list", Duration.ofSeconds(10), () -> historyList(robot) != null && historyList(robot).getItems().size() == 1);
        robot.clickOn("#history-new");
        Fx.waitFor("a new comparison", Duration.ofSeconds(30), () -> second.app.workspace().panes().size() == 2
                && second.app.workspace().panes().stream().allMatch(p -> p.turns().isEmpty() && p.state() == ChatState.IDLE));
        chat(robot, second, 0, "A big red ball");

        robot.clickOn("#history");
        Fx.waitFor("both comparisons listed", Duration.ofSeconds(10), () -> historyList(robot).getItems().size() == 2);
        assertEquals("A big red ball", Fx.call(() -> historyList(robot).getItems().getFirst().title()), "newest first");
        robot.clickOn("#history-search").write("little dog");
        Fx.waitFor("the search", Duration.ofSeconds(10), () -> historyList(robot).getItems().size() == 1);
        ConversationSummary found = Fx.call(() -> historyList(robot).getItems().getFirst());
        assertEquals("Once upon a time", found.title());
        robot.clickOn("Once upon a time");
        robot.clickOn("#history-open");
        Fx.waitFor("the older comparison back in the window", Duration.ofSeconds(30),
                () -> second.app.workspace().comparisonId().equals(found.id())
                        && second.app.workspace().panes().get(1).turns().size() == 1
                        && second.app.workspace().panes().getFirst().turns().size() == 2);
        assertEquals("The little dog", second.pane(1).turns().getFirst().prompt());
    }

    @SuppressWarnings("unchecked")
    private static ListView<ConversationSummary> historyList(FxRobot robot) {
        return robot.lookup("#history-list").tryQueryAs(ListView.class).orElse(null);
    }

    private static ChatViewModel chat(FxRobot robot, AppDriver driver, int pane, String prompt) {
        ChatViewModel chat = driver.pane(pane);
        int turns = Fx.call(() -> chat.turns().size());
        robot.clickOn(driver.id(pane) + "-prompt").write(prompt).type(KeyCode.ENTER);
        Fx.waitFor("the turn", Duration.ofSeconds(10), () -> chat.turns().size() == turns + 1);
        driver.waitIdle(chat);
        return chat;
    }
}
