package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.AnswerFigures;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.StreamCounts;
import dev.juxta.app.modelpicker.ModelRow;
import dev.juxta.app.testkit.Fx;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.testkit.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The real app, headless, on the real stories260K model: what a user does, end to end. */
class ChatAppEndToEndTest extends RealAppTest {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Test
    void thePickerShowsTheMetadataRejectsANonGgufFileAndLoadsTheModel(FxRobot robot) {
        assertEquals(2, Fx.call(() -> driver.app.workspace().panes().size()), "two panes at start");
        Fx.waitFor("the picker to open by itself", Duration.ofSeconds(10), () -> !robot.lookup("#model-table").queryAll().isEmpty());
        ModelRow good = driver.row(AppDriver.CHAT_MODEL);
        assertEquals("stories260K-chatml", good.name());
        assertEquals("llama", good.architecture());
        assertEquals("yes", good.chatTemplate());
        assertFalse(good.trainedContext().isEmpty());
        assertTrue(good.memory().contains("× 2 panes"), good.memory());
        ModelRow bad = driver.row("notes.gguf");
        assertTrue(bad.error().contains("notes.gguf"), bad.error());

        var table = driver.modelTable();
        Label problem = robot.lookup("#picker-error").queryAs(Label.class);
        Fx.run(() -> table.getSelectionModel().select(bad));
        assertTrue(Fx.call(problem::getText).contains("notes.gguf"), "selecting a bad file shows why: " + Fx.call(problem::getText));
        Fx.run(() -> table.getSelectionModel().select(good));
        assertEquals("", Fx.call(problem::getText), "and selecting a good one clears it");
        Fx.run(() -> table.getSelectionModel().select(bad));
        robot.clickOn("#load-model");
        String error = Fx.call(problem::getText);
        assertTrue(error.contains("notes.gguf"), error);
        assertEquals(ChatState.NO_MODEL, driver.pane(0).state(), "a bad file leaves the panes alone");

        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel first = driver.pane(0);
        assertEquals("stories260K-chatml", Fx.call(() -> first.modelNameProperty().get()));
        assertTrue(robot.lookup("#model-table").queryAll().isEmpty(), "the dialog closed");
    }

    @Test
    void twoPanesStreamDifferentPromptsAtOnceAndStopStopsOnlyOne(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        ChatViewModel two = driver.pane(1);
        // Random weights almost never end an answer: pane two is surely still streaming when pane one stops.
        Fx.run(() -> driver.app.workspace().loadModel(TestModels.randomLlama134M(), ModelOptions.defaults(), List.of(two)));
        Fx.waitFor("the 134M model in pane two", Duration.ofSeconds(120),
                () -> two.state() == ChatState.IDLE && two.modelProperty().get() != null && two.modelProperty().get().fileName().contains("134M"));
        driver.setSetting(one, "0.8", "1500");
        driver.setSetting(two, "0.8", "1500");
        AtomicBoolean bothStreaming = new AtomicBoolean();
        AtomicReference<ChatState> twoWhenOneStopped = new AtomicReference<>();
        Fx.run(() -> {
            one.stateProperty().addListener((o, a, b) -> bothStreaming.compareAndSet(false, b == ChatState.STREAMING && two.state() == ChatState.STREAMING));
            two.stateProperty().addListener((o, a, b) -> bothStreaming.compareAndSet(false, b == ChatState.STREAMING && one.state() == ChatState.STREAMING));
            one.stateProperty().addListener((o, a, b) -> {
                if (b == ChatState.STOPPED) {
                    twoWhenOneStopped.compareAndSet(null, two.state());
                }
            });
        });
        robot.clickOn(driver.id(0) + "-prompt").write("Once upon a time");
        robot.clickOn(driver.id(1) + "-prompt").write("The little dog");
        robot.clickOn(driver.id(0) + "-prompt").type(KeyCode.ENTER);
        robot.clickOn(driver.id(1) + "-prompt").type(KeyCode.ENTER);
        Fx.waitFor("both panes streaming", Duration.ofSeconds(30), bothStreaming::get);

        robot.clickOn(driver.id(0) + "-send");
        driver.waitIdle(one);
        assertEquals(ChatState.STOPPED, Fx.call(one::state));
        assertEquals(ChatState.STREAMING, twoWhenOneStopped.get(), "Stop in one pane leaves the other streaming");
        robot.press(KeyCode.SHIFT).press(KeyCode.ESCAPE).release(KeyCode.ESCAPE).release(KeyCode.SHIFT);
        driver.waitIdle(two);
        assertEquals(ChatState.STOPPED, Fx.call(two::state), "it was still streaming until Stop all");
        assertEquals("Once upon a time", Fx.call(() -> one.turns().getFirst().prompt()));
        assertEquals("The little dog", Fx.call(() -> two.turns().getFirst().prompt()));
        assertFalse(Fx.call(() -> two.turns().getFirst().answer()).isEmpty());
        AnswerFigures figures = Fx.call(() -> two.turns().getFirst().figuresProperty().get());
        assertTrue(figures.tokens() > 0 && figures.tokensPerSecond() > 0 && figures.timeToFirstTokenMillis() >= 0, "the engine's figures: " + figures);
        assertEquals(StopReason.CANCELLED, figures.stopReason());
        assertTrue(Fx.call(() -> two.turns().getFirst().statsProperty().get()).startsWith(figures.tokens() + " tokens · "),
                "the line under the answer gives the engine's count");
        StreamCounts counts = Fx.call(one::streamCounts);
        assertEquals(counts.deltasReceived(), counts.deltasShown(), "every delta shown once");
        assertEquals(counts.charsReceived(), Fx.call(() -> one.turns().getFirst().answer()).length(),
                "the stopped answer is everything its stream delivered, nothing lost or doubled");
    }

    @Test
    void theViewFollowsALongAnswerToItsEnd(FxRobot robot) {
        ChatViewModel one = startALongAnswer(robot);
        driver.waitIdle(one);

        ScrollPane conversation = robot.lookup(driver.id(0) + "-conversation").queryAs(ScrollPane.class);
        assertTrue(Fx.call(() -> conversation.getContent().getLayoutBounds().getHeight() > conversation.getViewportBounds().getHeight() + 100),
                () -> "the answer outgrew its pane: " + conversation.getContent().getLayoutBounds().getHeight() + " in " + conversation.getViewportBounds().getHeight() + "; " + one.turns().getFirst().statsProperty().get());
        assertEquals(conversation.getVmax(), Fx.call(conversation::getVvalue), 1e-9, "the end of the answer shows");
    }

    @Test
    void sendToAllAtTemperatureZeroGivesIdenticalAnswers(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        ChatViewModel two = driver.pane(1);
        driver.setSetting(one, "0", "64");
        driver.setSetting(two, "0", "64");
        robot.clickOn("#broadcast-prompt").write("Once upon a time");
        robot.clickOn("#send-all");
        Fx.waitFor("both panes to take the prompt", Duration.ofSeconds(10), () -> one.turns().size() == 1 && two.turns().size() == 1);
        driver.waitIdle(one);
        driver.waitIdle(two);
        String first = Fx.call(() -> one.turns().getFirst().answer());
        assertFalse(first.isBlank());
        assertEquals(first, Fx.call(() -> two.turns().getFirst().answer()));
        assertEquals(ChatState.IDLE, Fx.call(one::state));

        // A prompt is a label, not selectable text; its context menu copies it. Headless Monocle turns
        // a right click into no context-menu request, so the test raises the one a desktop would.
        Node prompt = robot.lookup("#chat-1 .user-message").query();
        Fx.run(() -> {
            Bounds onScreen = prompt.localToScreen(prompt.getLayoutBounds());
            prompt.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5,
                    onScreen.getMinX() + 5, onScreen.getMinY() + 5, false, null));
        });
        robot.clickOn("Copy prompt");
        assertEquals("Once upon a time", Fx.call(() -> Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void closeClosesItsPaneAndANewPaneGetsTheModel(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        robot.clickOn(driver.id(1) + "-close");
        assertEquals(1, Fx.call(() -> driver.app.workspace().panes().size()));
        assertTrue(robot.lookup("#chat-2").queryAll().isEmpty());
        robot.press(KeyCode.CONTROL).press(KeyCode.T).release(KeyCode.T).release(KeyCode.CONTROL);
        assertEquals(2, Fx.call(() -> driver.app.workspace().panes().size()));
        ChatViewModel third = driver.pane(1);
        assertEquals("Chat 3", third.name());
        Fx.waitFor("Chat 3 to get the model", Duration.ofSeconds(30), () -> third.state() == ChatState.IDLE);
        robot.clickOn("#chat-3-prompt").write("Hello").type(KeyCode.ENTER);
        driver.waitIdle(third);
        assertEquals(ChatState.IDLE, Fx.call(third::state));
    }

    @Test
    void anEngineCrashShowsAsAnErrorAndTheNextSendWorks(FxRobot robot) {
        ChatViewModel one = startALongAnswer(robot);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        driver.waitIdle(one);
        assertEquals(ChatState.ERROR, Fx.call(one::state));
        assertFalse(Fx.call(() -> one.errorProperty().get()).isEmpty());
        assertEquals(1, Fx.call(() -> one.turns().size()), "the transcript stays");

        driver.setSetting(one, "0.8", "32");
        robot.clickOn(driver.id(0) + "-prompt").write("Again").type(KeyCode.ENTER);
        driver.waitIdle(one);
        assertEquals(ChatState.IDLE, Fx.call(one::state), Fx.call(() -> one.errorProperty().get()));
        assertFalse(Fx.call(() -> one.turns().get(1).answer()).isEmpty());
    }

    /** Loads the chat model and sends the first pane a prompt with room for 1,500 tokens; returns once it streams. */
    private ChatViewModel startALongAnswer(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        driver.setSetting(one, "0.8", "1500");
        robot.clickOn(driver.id(0) + "-prompt").write("Once upon a time").type(KeyCode.ENTER);
        Fx.waitFor("the answer to start", Duration.ofSeconds(30), () -> one.state() == ChatState.STREAMING);
        return one;
    }
}
