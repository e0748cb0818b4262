package dev.juxta.app.chat;

import javafx.scene.control.Label;
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

        Label answer = new Label();
        answer.getStyleClass().add("assistant-message");
        answer.setWrapText(true);
        answer.setMaxWidth(Double.MAX_VALUE);
        answer.textProperty().bind(turn.answerProperty());
        answer.accessibleTextProperty().bind(turn.answerProperty());

        Label stats = new Label();
        stats.getStyleClass().add("turn-stats");
        stats.setWrapText(true);
        stats.textProperty().bind(turn.statsProperty());
        getChildren().addAll(user, answer, stats);
    }
}
