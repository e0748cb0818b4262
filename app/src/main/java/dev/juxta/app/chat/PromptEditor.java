package dev.juxta.app.chat;

import dev.juxta.app.common.Icons;
import java.util.function.Predicate;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A past prompt opened for editing under the prompt it replaces: Resend sends the edited text in its
 * place (the pane drops that turn and the ones after it), Cancel closes it. Hidden until opened.
 */
final class PromptEditor extends VBox {
    private final String original;
    private final TextArea text = new TextArea();

    /** {@code resend}: sends the edited prompt; false when the pane could not take it (then the editor stays open). */
    PromptEditor(String original, Predicate<String> resend) {
        super(4);
        this.original = original;
        getStyleClass().add("prompt-editor");
        text.getStyleClass().add("prompt-editor-text");
        text.setWrapText(true);
        text.setPrefRowCount(2);
        text.setAccessibleText("Edited prompt");
        Button send = Icons.decorate(new Button("Resend"), Icons.SEND, "Send the edited prompt in place of this one");
        send.getStyleClass().add("prompt-editor-send");
        send.disableProperty().bind(text.textProperty().isEmpty());
        send.setOnAction(e -> {
            if (resend.test(text.getText())) {
                close();
            }
        });
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("prompt-editor-cancel");
        cancel.setOnAction(e -> close());
        HBox buttons = new HBox(6, cancel, send);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(text, buttons);
        close();
    }

    void open() {
        text.setText(original);
        setVisible(true);
        setManaged(true);
        text.requestFocus();
        text.selectAll();
    }

    private void close() {
        setVisible(false);
        setManaged(false);
    }
}
