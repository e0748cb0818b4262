package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.JuxtaApp;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.compare.Configuration;
import dev.juxta.app.compare.LeaderboardRow;
import dev.juxta.app.compare.Vote;
import dev.juxta.app.testkit.Fx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Blind A/B on the real app and the real stories260K model: vote, reveal, leaderboard, continue with the winner. */
class BlindAppEndToEndTest extends RealAppTest {
    private static final long SEED = 42;
    private static final Set<String> BUSY = Arrays.stream(ChatState.values())
            .filter(ChatState::isBusy).map(ChatState::label).collect(Collectors.toSet());

    @Override
    JuxtaApp newApp() {
        return new JuxtaApp(new SplittableRandom(SEED));
    }

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Test
    void aBlindVoteHidesTheSidesUntilBothEndedThenRevealsThemCountsAndContinuesWithTheWinner(FxRobot robot) {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel cool = driver.pane(0);
        ChatViewModel warm = driver.pane(1);
        driver.setSetting(cool, "0.2", "300");
        driver.setSetting(warm, "0.9", "300");
        String model = Fx.call(() -> cool.modelProperty().get().name());
        String quantization = Fx.call(() -> cool.modelProperty().get().quantization());

        robot.clickOn("#blind");
        Label a = robot.lookup("#blind-a-state").queryAs(Label.class);
        Label b = robot.lookup("#blind-b-state").queryAs(Label.class);
        Fx.waitFor("both sides to get the model", Duration.ofSeconds(60),
                () -> "idle".equals(a.getText()) && "idle".equals(b.getText()));
        Button voteA = robot.lookup("#vote-a").queryButton();
        assertTrue(Fx.call(voteA::isDisabled), "no vote before anything was asked");
        AtomicInteger busyChecks = new AtomicInteger();
        List<String> openWhileBusy = new ArrayList<>();
        Fx.run(() -> {
            Runnable check = () -> {
                if (BUSY.contains(a.getText()) || BUSY.contains(b.getText())) {
                    busyChecks.incrementAndGet();
                    if (!voteA.isDisabled()) {
                        openWhileBusy.add(a.getText() + " / " + b.getText());
                    }
                }
            };
            a.textProperty().addListener(o -> check.run());
            b.textProperty().addListener(o -> check.run());
            voteA.disabledProperty().addListener(o -> check.run());
        });

        robot.clickOn("#blind-prompt").write("Once upon a time");
        robot.clickOn("#blind-send");
        Fx.waitFor("both answers to end", Duration.ofSeconds(120), () -> !voteA.isDisabled());
        assertTrue(busyChecks.get() > 0, "the sides were seen answering");
        assertEquals(List.of(), openWhileBusy, "the vote opens only once both answers have ended");
        for (String id : List.of("#vote-a", "#vote-b", "#vote-tie", "#vote-both-bad")) {
            Node button = robot.lookup(id).query();
            assertFalse(Fx.call(button::isDisabled), id);
        }
        assertFalse(answer("#blind-a").isBlank());
        assertFalse(answer("#blind-b").isBlank());
        Node blindView = robot.lookup(".blind-view").query();
        String shown = Fx.call(() -> visibleText(blindView) + " " + ((Stage) blindView.getScene().getWindow()).getTitle());
        for (String secret : List.of("Chat 1", "Chat 2", model, quantization, "temp", "0.2", "0.9", "300")) {
            assertFalse(shown.contains(secret), "'" + secret + "' shows while the vote is open: " + shown);
        }

        robot.clickOn("#vote-a");
        boolean swapped = new SplittableRandom(SEED).nextBoolean();
        String revealA = swapped ? "Chat 2: " + model + " " + quantization + " · temp 0.9 · max 300 tokens"
                : "Chat 1: " + model + " " + quantization + " · temp 0.2 · max 300 tokens";
        String revealB = swapped ? "Chat 1: " + model + " " + quantization + " · temp 0.2 · max 300 tokens"
                : "Chat 2: " + model + " " + quantization + " · temp 0.9 · max 300 tokens";
        assertEquals(revealA, text("#reveal-a"));
        assertEquals(revealB, text("#reveal-b"));
        assertEquals("You preferred A.", text("#blind-outcome"));
        Fx.waitFor("the vote in the log", Duration.ofSeconds(10), () -> driver.app.votes().all().size() == 1);
        Vote vote = driver.app.votes().all().getFirst();
        assertEquals(Vote.Verdict.A, vote.verdict());
        assertEquals(swapped ? 0.9 : 0.2, Configuration.fromKey(vote.configA()).orElseThrow().temperature());
        assertEquals(swapped ? 0.2 : 0.9, Configuration.fromKey(vote.configB()).orElseThrow().temperature());

        String winnerAnswer = answer("#blind-a");
        robot.clickOn("#continue-winner");
        assertEquals(3, Fx.call(() -> driver.app.workspace().panes().size()));
        ChatViewModel winner = driver.pane(2);
        Fx.waitFor("the winner's pane to get its model", Duration.ofSeconds(60), () -> winner.state() == ChatState.IDLE);
        assertEquals("Once upon a time", Fx.call(() -> winner.turns().getFirst().prompt()));
        assertEquals(winnerAnswer, Fx.call(() -> winner.turns().getFirst().answer()));
        assertEquals(swapped ? "0.9" : "0.2", Fx.call(() -> winner.settings().temperatureProperty().get()));
        Node continueWinner = robot.lookup("#continue-winner").query();
        assertTrue(Fx.call(continueWinner::isDisabled), "one pane per win");

        robot.clickOn("#leaderboard");
        @SuppressWarnings("unchecked")
        TableView<LeaderboardRow> board = robot.lookup("#leaderboard-table").queryAs(TableView.class);
        Fx.waitFor("the leaderboard's rows", Duration.ofSeconds(10), () -> board.getItems().size() == 2);
        List<LeaderboardRow> rows = Fx.call(() -> List.copyOf(board.getItems()));
        LeaderboardRow first = rows.getFirst();
        assertEquals(revealA.substring("Chat 1: ".length()), first.label());
        assertEquals(List.of(1, 1, 0, 0, 0), List.of(first.votes(), first.wins(), first.ties(), first.losses(), first.bothBad()));
        assertEquals(1, rows.get(1).losses());
        String table = Fx.call(() -> visibleText(board));
        assertTrue(table.contains("100%") && table.contains("21% – 100%") && table.contains(first.label()), table);
    }

    private String text(String id) {
        Labeled labeled = driver.robot.lookup(id).queryLabeled();
        return Fx.call(labeled::getText);
    }

    private String answer(String side) {
        return text(side + " .blind-answer");
    }

    /** Every text a user can see inside a node: labels, fields, text nodes and tooltips of visible nodes. */
    private static String visibleText(Node node) {
        if (!node.isVisible() || node.getStyleClass().contains("blind-answer") || node.getStyleClass().contains("user-message")) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (node instanceof Labeled labeled) {
            text.append(labeled.getText()).append(' ');
        } else if (node instanceof TextInputControl input) {
            text.append(input.getText()).append(' ').append(input.getPromptText()).append(' ');
        } else if (node instanceof Text shape) {
            text.append(shape.getText()).append(' ');
        }
        if (node instanceof Control control && control.getTooltip() != null) {
            text.append(control.getTooltip().getText()).append(' ');
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> text.append(visibleText(child)));
        }
        return text.toString();
    }
}
