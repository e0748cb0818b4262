package dev.juxta.app.chat;

import dev.juxta.app.common.Icons;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One exchange: the user's prompt, then the answer as it streams, then its stats line. While the
 * answer streams it is shown as text blocks, the cheap way to grow text every frame; once it has
 * ended it becomes one selectable text, so any part of it can be selected and copied. That change
 * goes through {@code heavyWork}, which spreads the changes of answers that end together over
 * several frames. Under the answer: its figures, and the turn's actions (edit the prompt and resend,
 * regenerate the last answer, copy).
 */
final class TurnView extends VBox {
    private final HeightCache heights = new HeightCache();
    private final TurnModel turn;

    TurnView(TurnModel turn, ChatViewModel pane, Executor heavyWork) {
        super(4);
        this.turn = turn;
        getStyleClass().add("turn");
        // A label, not selectable text: a TextArea's skin made each send pause the FX thread for
        // 50-90 ms with four panes (FxBench). Its context menu copies it instead.
        Label user = new Label(turn.prompt());
        user.getStyleClass().add("user-message");
        user.setWrapText(true);
        user.setMaxWidth(Double.MAX_VALUE);
        user.setAccessibleText("You said: " + turn.prompt());
        user.setOnContextMenuRequested(e -> {
            MenuItem copyPrompt = new MenuItem("Copy prompt", Icons.icon(Icons.COPY));
            copyPrompt.setOnAction(a -> copyToClipboard(turn.prompt()));
            new ContextMenu(copyPrompt).show(user, e.getScreenX(), e.getScreenY());
            e.consume();
        });

        VBox answer = new VBox();
        answer.getStyleClass().add("assistant-message");
        if (turn.finishedProperty().get()) {
            showFinished(answer, turn);
        } else {
            showStreaming(answer, turn);
            turn.finishedProperty().addListener((obs, was, finished) -> heavyWork.execute(() -> showFinished(answer, turn)));
        }

        Label stats = new Label();
        stats.getStyleClass().add("turn-stats");
        stats.setWrapText(true);
        stats.textProperty().bind(turn.statsProperty());
        HBox.setHgrow(stats, Priority.ALWAYS);
        stats.setMaxWidth(Double.MAX_VALUE);
        Button copy = Icons.decorate(new Button(), Icons.COPY, "Copy this answer");
        copy.getStyleClass().add("copy-answer");
        copy.disableProperty().bind(turn.answeredProperty().not());
        copy.setOnAction(e -> copyToClipboard(turn.answer()));
        PromptEditor editor = new PromptEditor(turn.prompt(), text -> pane.resendFrom(pane.indexOf(turn), text));
        Button edit = Icons.decorate(new Button(), Icons.EDIT, "Edit this prompt and send it again (the turns after it go)");
        edit.getStyleClass().add("edit-prompt");
        edit.disableProperty().bind(pane.canReviseProperty().not());
        edit.setOnAction(e -> editor.open());
        MenuButton regenerate = regenerateButton(pane);
        HBox actions = new HBox(4, stats, edit, regenerate, copy);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(user, editor, answer, actions);
    }

    /** Only the last answer can be drawn again: the turns after any other one were answers to it. */
    private MenuButton regenerateButton(ChatViewModel pane) {
        MenuItem newSeed = new MenuItem("Regenerate with a new seed");
        newSeed.getStyleClass().add("regenerate-new-seed");
        newSeed.setOnAction(e -> pane.regenerate(false));
        MenuItem sameSeed = new MenuItem("Regenerate with the same seed (" + turn.seed() + ")");
        sameSeed.getStyleClass().add("regenerate-same-seed");
        sameSeed.setOnAction(e -> pane.regenerate(true));
        MenuButton regenerate = new MenuButton(null, Icons.icon(Icons.REGENERATE), newSeed, sameSeed);
        regenerate.getStyleClass().add("regenerate");
        regenerate.setTooltip(new Tooltip("Regenerate this answer"));
        regenerate.setAccessibleText("Regenerate this answer");
        BooleanBinding last = Bindings.createBooleanBinding(
                () -> !pane.turns().isEmpty() && pane.turns().getLast() == turn, pane.turns());
        regenerate.visibleProperty().bind(last);
        regenerate.managedProperty().bind(last);
        regenerate.disableProperty().bind(pane.canReviseProperty().not());
        return regenerate;
    }

    TurnModel turn() {
        return turn;
    }

    /** Anything inside that changes asks its parents for layout, and so reaches this. */
    @Override
    public void requestLayout() {
        if (heights != null) { // null while VBox's constructor runs
            heights.clear();
        }
        super.requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return heights.pref(width, super::computePrefHeight);
    }

    @Override
    protected double computeMinHeight(double width) {
        return heights.min(width, super::computeMinHeight);
    }

    private static void showStreaming(VBox answer, TurnModel turn) {
        turn.blocks().forEach(block -> answer.getChildren().add(new AnswerBlock(block)));
        turn.blocks().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(block -> answer.getChildren().add(answer.getChildren().size() - 1, new AnswerBlock(block)));
            }
        });
        AnswerBlock open = new AnswerBlock("");
        open.textProperty().bind(turn.openBlockProperty());
        answer.getChildren().add(open);
    }

    private static void showFinished(VBox answer, TurnModel turn) {
        SelectableText text = new SelectableText(turn.answer(), "answer-text");
        text.setAccessibleText("Answer: " + turn.answer());
        answer.getChildren().setAll(text);
        answer.setVisible(!turn.answer().isEmpty());
        answer.setManaged(!turn.answer().isEmpty());
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
