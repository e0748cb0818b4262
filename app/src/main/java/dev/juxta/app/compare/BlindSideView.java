package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.TurnModel;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One side of the blind view: its letter, its state, its answers and, once voted, what it was. It
 * shows no figures: the speed alone could tell a small model from a large one.
 */
final class BlindSideView extends VBox {
    private final VBox conversation = new VBox();
    private final Label state = new Label();
    private final ListChangeListener<TurnModel> onTurns = change -> showTurns(change.getList());
    private ChatViewModel shown;

    /** {@code side}: "A" or "B"; {@code reveal}: what the side was, empty until the vote. */
    BlindSideView(String side, ObservableStringValue reveal) {
        String id = "blind-" + side.toLowerCase(Locale.ROOT);
        setId(id);
        getStyleClass().add("blind-side");
        Label letter = new Label(side);
        letter.getStyleClass().add("blind-letter");
        state.setId(id + "-state");
        state.getStyleClass().add("state-badge");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, letter, spacer, state);
        header.setAlignment(Pos.CENTER_LEFT);
        Label revealed = new Label();
        revealed.setId("reveal-" + side.toLowerCase(Locale.ROOT));
        revealed.getStyleClass().add("blind-reveal");
        revealed.setWrapText(true);
        revealed.textProperty().bind(reveal);
        revealed.visibleProperty().bind(Bindings.isNotEmpty(reveal));
        revealed.managedProperty().bind(revealed.visibleProperty());
        conversation.getStyleClass().add("conversation");
        ScrollPane scroller = new ScrollPane(conversation);
        scroller.setId(id + "-conversation");
        scroller.getStyleClass().add("conversation-scroller");
        scroller.setFitToWidth(true);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.ALWAYS);
        VBox.setVgrow(scroller, Priority.ALWAYS);
        getChildren().addAll(header, revealed, scroller);
    }

    /** Follows this round's pane. */
    void show(ChatViewModel pane) {
        if (shown != null) {
            shown.turns().removeListener(onTurns);
        }
        shown = pane;
        state.textProperty().unbind();
        if (pane == null) {
            conversation.getChildren().clear();
            state.setText("");
            return;
        }
        state.textProperty().bind(Bindings.createStringBinding(() -> pane.state().label(), pane.stateProperty()));
        pane.turns().addListener(onTurns);
        showTurns(pane.turns());
    }

    private void showTurns(List<? extends TurnModel> turns) {
        conversation.getChildren().clear();
        for (TurnModel turn : turns) {
            Label prompt = new Label(turn.prompt());
            prompt.getStyleClass().add("user-message");
            prompt.setWrapText(true);
            prompt.setMaxWidth(Double.MAX_VALUE);
            Label answer = new Label();
            answer.getStyleClass().add("blind-answer");
            answer.setWrapText(true);
            answer.setMaxWidth(Double.MAX_VALUE);
            // The answer grows once a frame (the pane drains its buffer on the pulse): one label update a frame.
            answer.textProperty().bind(Bindings.createStringBinding(turn::answer, turn.openBlockProperty(), turn.blocks()));
            conversation.getChildren().addAll(prompt, answer);
        }
    }
}
