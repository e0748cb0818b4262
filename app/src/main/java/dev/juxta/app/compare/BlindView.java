package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The blind window: sides A and B with nothing that tells which configuration each is, one prompt
 * for both, the vote once both answers have ended, then the reveal, "Continue with the winner" and
 * "Next round".
 */
public final class BlindView extends BorderPane {
    private final BlindViewModel viewModel;

    public BlindView(BlindViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("blind-view");
        setTop(choiceBar());
        BlindSideView a = new BlindSideView("A", viewModel.revealAProperty());
        BlindSideView b = new BlindSideView("B", viewModel.revealBProperty());
        viewModel.paneAProperty().subscribe(a::show);
        viewModel.paneBProperty().subscribe(b::show);
        HBox.setHgrow(a, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        a.setPrefWidth(0);
        b.setPrefWidth(0);
        HBox sides = new HBox(8, a, b);
        sides.getStyleClass().add("blind-sides");
        setCenter(sides);
        setBottom(new VBox(6, errorLine(), promptBar(), voteBar(), resultBar()));
    }

    private BooleanBinding in(BlindPhase phase) {
        return viewModel.phaseProperty().isEqualTo(phase);
    }

    /** Shown only while choosing: pane names are no secret before the sides are drawn. */
    private HBox choiceBar() {
        ComboBox<ChatViewModel> first = paneChoice("blind-first");
        first.valueProperty().bindBidirectional(viewModel.firstProperty());
        ComboBox<ChatViewModel> second = paneChoice("blind-second");
        second.valueProperty().bindBidirectional(viewModel.secondProperty());
        Button start = Icons.decorate(new Button("Start"), Icons.SEND, "Start the blind comparison");
        start.setId("blind-start");
        start.disableProperty().bind(viewModel.canStartProperty().not());
        start.setOnAction(e -> viewModel.start());
        HBox bar = new HBox(6, new Label("Compare"), first, new Label("with"), second, start);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("blind-bar");
        bar.visibleProperty().bind(in(BlindPhase.CHOOSING));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private ComboBox<ChatViewModel> paneChoice(String id) {
        ComboBox<ChatViewModel> choice = new ComboBox<>(viewModel.choices());
        choice.setId(id);
        choice.setCellFactory(list -> new PaneNameCell());
        choice.setButtonCell(new PaneNameCell());
        return choice;
    }

    private static final class PaneNameCell extends ListCell<ChatViewModel> {
        @Override
        protected void updateItem(ChatViewModel pane, boolean empty) {
            super.updateItem(pane, empty);
            setText(empty || pane == null ? null : pane.name());
        }
    }

    private Label errorLine() {
        Label error = new Label();
        error.setId("blind-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private HBox promptBar() {
        TextArea prompt = new TextArea();
        prompt.setId("blind-prompt");
        prompt.setPrefRowCount(2);
        prompt.setWrapText(true);
        prompt.setPromptText("One prompt for A and B (Enter sends it)");
        prompt.setAccessibleText("Prompt for both sides");
        prompt.textProperty().bindBidirectional(viewModel.promptProperty());
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                viewModel.send();
                e.consume();
            }
        });
        Button send = Icons.decorate(new Button("Send"), Icons.SEND, "Send this prompt to A and B (Enter)");
        send.setId("blind-send");
        send.disableProperty().bind(viewModel.canSendProperty().not());
        send.setOnAction(e -> viewModel.send());
        Button stop = Icons.decorate(new Button("Stop"), Icons.STOP, "Stop both answers");
        stop.setId("blind-stop");
        stop.disableProperty().bind(in(BlindPhase.ANSWERING).not());
        stop.setOnAction(e -> viewModel.stop());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        HBox bar = new HBox(6, prompt, send, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        // Gone once both answers have ended: the vote is all there is to do then.
        bar.visibleProperty().bind(in(BlindPhase.LOADING).or(in(BlindPhase.ASKING)).or(in(BlindPhase.ANSWERING)));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private HBox voteBar() {
        Label question = new Label("Which answer is better?");
        question.getStyleClass().add("vote-question");
        HBox bar = new HBox(6, question,
                voteButton("A is better", "vote-a", Vote.Verdict.A),
                voteButton("B is better", "vote-b", Vote.Verdict.B),
                voteButton("Tie", "vote-tie", Vote.Verdict.TIE),
                voteButton("Both bad", "vote-both-bad", Vote.Verdict.BOTH_BAD));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().addAll("blind-bar", "vote-bar");
        bar.visibleProperty().bind(in(BlindPhase.LOADING).or(in(BlindPhase.ASKING)).or(in(BlindPhase.ANSWERING)).or(in(BlindPhase.VOTING)));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private Button voteButton(String text, String id, Vote.Verdict verdict) {
        Button vote = new Button(text);
        vote.setId(id);
        vote.getStyleClass().add("vote-button");
        vote.disableProperty().bind(in(BlindPhase.VOTING).not());
        vote.setOnAction(e -> viewModel.vote(verdict));
        return vote;
    }

    private HBox resultBar() {
        Label outcome = new Label();
        outcome.setId("blind-outcome");
        outcome.getStyleClass().add("blind-outcome");
        outcome.textProperty().bind(Bindings.createStringBinding(() -> outcomeOf(viewModel.verdictProperty().get()),
                viewModel.verdictProperty()));
        Button winner = Icons.decorate(new Button("Continue with the winner"), Icons.NEW_PANE,
                "Open the winner's conversation and settings in a new pane of the main window");
        winner.setId("continue-winner");
        winner.disableProperty().bind(viewModel.canContinueProperty().not());
        winner.setOnAction(e -> viewModel.continueWithWinner());
        Button next = Icons.decorate(new Button("Next round"), Icons.CLEAR, "A new prompt, with the sides drawn again");
        next.setId("next-round");
        next.setOnAction(e -> viewModel.nextRound());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, outcome, spacer, winner, next);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("blind-bar");
        bar.visibleProperty().bind(in(BlindPhase.REVEALED));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static String outcomeOf(Vote.Verdict verdict) {
        return verdict == null ? "" : switch (verdict) {
            case A -> "You preferred A.";
            case B -> "You preferred B.";
            case TIE -> "You called it a tie.";
            case BOTH_BAD -> "You found both bad.";
        };
    }
}
