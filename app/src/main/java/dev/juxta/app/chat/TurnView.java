package dev.juxta.app.chat;

import dev.juxta.app.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One exchange: the user's prompt, then the answer as it streams, then its stats line. */
final class TurnView extends VBox {
    TurnView(TurnModel turn) {
        super(4);
        getStyleClass().add("turn");
        Label user = new Label(turn.prompt());
        user.getStyleClass().add("user-message");
        user.setWrapText(true);
        user.setMaxWidth(Double.MAX_VALUE);
        user.setAccessibleText("You said: " + turn.prompt());

        VBox answer = new VBox();
        answer.getStyleClass().add("assistant-message");
        turn.blocks().forEach(block -> answer.getChildren().add(new AnswerBlock(block)));
        turn.blocks().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(block -> answer.getChildren().add(answer.getChildren().size() - 1, new AnswerBlock(block)));
            }
        });
        Label open = new AnswerBlock("");
        open.textProperty().bind(turn.openBlockProperty());
        answer.getChildren().add(open);

        Label stats = new Label();
        stats.getStyleClass().add("turn-stats");
        stats.setWrapText(true);
        stats.textProperty().bind(turn.statsProperty());
        HBox.setHgrow(stats, Priority.ALWAYS);
        stats.setMaxWidth(Double.MAX_VALUE);
        // Labels can't be selected, so each answer gets a copy button, as desktop chat apps have.
        Button copy = Icons.decorate(new Button(), Icons.COPY, "Copy this answer");
        copy.getStyleClass().add("copy-answer");
        copy.disableProperty().bind(turn.answeredProperty().not());
        copy.setOnAction(e -> copyToClipboard(turn.answer()));
        getChildren().addAll(user, answer, new HBox(4, stats, copy));
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
