package dev.juxta.app.history;

import dev.juxta.app.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A bar above the panes that tells of a problem with the history (a damaged file set aside, a
 * save that failed) until dismissed. A bar rather than an alert: the window starts and works
 * as usual, and nothing waits for a click.
 */
public final class HistoryNoticeBar extends HBox {

    public HistoryNoticeBar(HistoryViewModel viewModel) {
        super(8);
        setId("history-notice");
        getStyleClass().add("history-notice");
        setAlignment(Pos.CENTER_LEFT);
        Label text = new Label();
        text.setId("history-notice-text");
        text.setWrapText(true);
        text.textProperty().bind(viewModel.noticeProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = Icons.decorate(new Button(), Icons.CLOSE, "Dismiss this message");
        dismiss.setId("history-notice-dismiss");
        dismiss.setOnAction(e -> viewModel.dismissNotice());
        getChildren().setAll(text, dismiss);
        visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
