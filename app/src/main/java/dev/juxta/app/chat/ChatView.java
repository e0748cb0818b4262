package dev.juxta.app.chat;

import dev.juxta.app.common.Icons;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One chat pane: header with model and state, the conversation, the settings, the prompt with Send/Stop. */
public final class ChatView extends BorderPane {
    /** The narrowest a pane gets: its header, settings and prompt row still show whole. */
    public static final double MIN_WIDTH = 320;
    /** Room for "streaming" or "stopped" in the state badge. */
    private static final double STATE_MIN_WIDTH = 72;
    private final ChatViewModel viewModel;
    private final Executor heavyWork;
    private final VBox conversation = new VBox();
    private final ScrollPane scroller = new ScrollPane(conversation);
    private final TextArea prompt = new TextArea();
    private final ScrollFollower follower = new ScrollFollower(scroller, conversation);
    private final TurnScroll turnScroll = new TurnScroll(scroller, conversation, conversation.getChildren());

    /** {@code heavyWork}: where this pane's heavy UI changes run; the window spreads them over frames. */
    public ChatView(ChatViewModel viewModel, Executor heavyWork, Runnable pickModel, Runnable closePane, Runnable forkPane) {
        this.viewModel = viewModel;
        this.heavyWork = heavyWork;
        getStyleClass().add("chat-pane");
        setId(idOf(viewModel.name()));
        setMinWidth(MIN_WIDTH);
        TitledPane settings = new SettingsView(viewModel.settings()).node();
        // Open settings take at most 40% of a short pane (they scroll there); the conversation keeps the rest.
        settings.maxHeightProperty().bind(heightProperty().multiply(0.4));
        setTop(new VBox(header(pickModel, closePane, forkPane), settings));
        setCenter(conversationArea());
        setBottom(promptArea());
    }

    /** The node id of a pane, e.g. "chat-1" for "Chat 1"; tests look panes up by it. */
    public static String idOf(String paneName) {
        return paneName.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    public ChatViewModel viewModel() {
        return viewModel;
    }

    public void focusPrompt() {
        prompt.requestFocus();
    }

    /** Changes whenever the conversation scrolls, by the user or by following the stream. */
    public ReadOnlyDoubleProperty scrollValueProperty() {
        return scroller.vvalueProperty();
    }

    public ScrollPosition scrollPosition() {
        return turnScroll.position();
    }

    public void scrollTo(ScrollPosition position) {
        turnScroll.scrollTo(position);
    }

    private HBox header(Runnable pickModel, Runnable closePane, Runnable forkPane) {
        Label title = new Label(viewModel.name());
        title.getStyleClass().add("pane-title");
        // In a narrow pane the model's name gives way first (it has a tooltip), then the longer
        // states ("waiting for slot"); the title, the short states and the buttons stay whole.
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label model = new Label();
        model.getStyleClass().add("pane-model");
        model.textProperty().bind(Bindings.when(viewModel.modelNameProperty().isEmpty())
                .then("no model").otherwise(viewModel.modelNameProperty()));
        Tooltip modelName = new Tooltip();
        modelName.textProperty().bind(model.textProperty());
        model.setTooltip(modelName);
        Label state = new Label();
        state.setMinWidth(STATE_MIN_WIDTH);
        state.setId(getId() + "-state");
        state.getStyleClass().add("state-badge");
        state.textProperty().bind(Bindings.createStringBinding(() -> viewModel.state().label(), viewModel.stateProperty()));
        state.pseudoClassStateChanged(pseudoClassOf(viewModel.state()), true);
        viewModel.stateProperty().addListener((obs, old, now) -> {
            state.pseudoClassStateChanged(pseudoClassOf(old), false);
            state.pseudoClassStateChanged(pseudoClassOf(now), true);
        });
        Button chooseModel = Icons.decorate(new Button(), Icons.MODEL, "Choose this pane's model");
        chooseModel.setId(getId() + "-model");
        chooseModel.setOnAction(e -> pickModel.run());
        chooseModel.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.state().isBusy() || viewModel.state() == ChatState.CLOSED, viewModel.stateProperty()));
        Button clear = Icons.decorate(new Button(), Icons.CLEAR, "Clear this conversation");
        clear.setId(getId() + "-clear");
        clear.setOnAction(e -> viewModel.clear());
        clear.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.state().acceptsPrompt(), viewModel.stateProperty()));
        Button fork = Icons.decorate(new Button(), Icons.FORK, "Fork: a new pane with this conversation and settings");
        fork.setId(getId() + "-fork");
        fork.setOnAction(e -> forkPane.run());
        fork.disableProperty().bind(viewModel.canReviseProperty().not());
        Button close = Icons.decorate(new Button(), Icons.CLOSE, "Close this pane (Ctrl+W)");
        close.setId(getId() + "-close");
        close.setOnAction(e -> closePane.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, model, spacer, state, chooseModel, fork, clear, close);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private ScrollPane conversationArea() {
        conversation.getStyleClass().add("conversation");
        conversation.setFillWidth(true);
        scroller.setId(getId() + "-conversation");
        scroller.getStyleClass().add("conversation-scroller");
        scroller.setFitToWidth(true);
        // Always there: a scroll bar that appears when the answer outgrows the pane narrows the
        // text, and re-wrapping every answer then paused the FX thread 80-120 ms (four panes).
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.ALWAYS);
        scroller.setFocusTraversable(false);
        viewModel.turns().addListener((ListChangeListener<TurnModel>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    conversation.getChildren().removeIf(view -> !viewModel.turns().contains(((TurnView) view).turn()));
                }
                if (change.wasAdded()) {
                    // Send to all adds a turn to every pane at once; built in one frame, the new turns'
                    // CSS and layout paused the FX thread 55 ms at the second Send (FxBench): each gets its own frame.
                    change.getAddedSubList().forEach(turn -> heavyWork.execute(() -> showTurn(turn)));
                    follower.follow();
                }
            }
        });
        return scroller;
    }

    /** Turns are only ever added at the end, and jobs run in order; a turn cleared meanwhile is skipped. */
    private void showTurn(TurnModel turn) {
        if (viewModel.turns().contains(turn)) {
            conversation.getChildren().add(new TurnView(turn, viewModel, heavyWork));
        }
    }

    private VBox promptArea() {
        Label error = new Label();
        error.setId(getId() + "-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        prompt.setId(getId() + "-prompt");
        prompt.setPromptText("Message " + viewModel.name() + " (Enter sends, Shift+Enter new line)");
        prompt.setAccessibleText("Prompt for " + viewModel.name());
        prompt.setWrapText(true);
        prompt.setPrefRowCount(2);
        prompt.textProperty().bindBidirectional(viewModel.promptProperty());
        prompt.addEventFilter(KeyEvent.KEY_PRESSED, this::onPromptKey);

        Button sendStop = new Button();
        sendStop.setId(getId() + "-send");
        sendStop.getStyleClass().add("send-button");
        Icons.decorate(sendStop, Icons.SEND, "Send (Enter) / Stop (Esc)");
        sendStop.textProperty().bind(Bindings.when(viewModel.canStopProperty()).then("Stop").otherwise("Send"));
        sendStop.graphicProperty().bind(Bindings.createObjectBinding(
                () -> Icons.icon(viewModel.canStopProperty().get() ? Icons.STOP : Icons.SEND), viewModel.canStopProperty()));
        sendStop.disableProperty().bind(viewModel.canSendProperty().or(viewModel.canStopProperty()).not());
        sendStop.setOnAction(e -> viewModel.sendOrStop());
        sendStop.setMinWidth(Region.USE_PREF_SIZE);

        HBox.setHgrow(prompt, Priority.ALWAYS);
        HBox input = new HBox(6, prompt, sendStop);
        input.setAlignment(Pos.BOTTOM_RIGHT);

        Label status = new Label();
        status.setId(getId() + "-status");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(viewModel.statusProperty());
        VBox bottom = new VBox(4, error, input, status);
        bottom.getStyleClass().add("prompt-area");
        return bottom;
    }

    private void onPromptKey(KeyEvent event) {
        if (event.getCode() != KeyCode.ENTER || event.isControlDown() || event.isMetaDown()) {
            return;
        }
        if (event.isShiftDown()) {
            prompt.insertText(prompt.getCaretPosition(), "\n");
        } else {
            viewModel.send();
        }
        event.consume();
    }

    /** The state badge's pseudo-class: {@code :streaming}, {@code :reading-prompt}, {@code :error}... */
    static PseudoClass pseudoClassOf(ChatState state) {
        return PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
