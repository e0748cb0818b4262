package dev.juxta.app.history;

import dev.juxta.app.common.Icons;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The conversations list: saved comparisons newest first, a search field, Open, Delete and New comparison. */
public final class HistoryView {
    private final HistoryViewModel viewModel;
    private final Stage stage = new Stage();

    public HistoryView(Window owner, HistoryViewModel viewModel, Function<Scene, Scene> styler) {
        this.viewModel = viewModel;
        stage.initOwner(owner);
        stage.setTitle("History");
        TextField search = new TextField();
        search.setId("history-search");
        search.setPromptText("Search prompts and answers");
        search.setAccessibleText("Search the saved conversations");
        search.textProperty().bindBidirectional(viewModel.queryProperty());
        ListView<ConversationSummary> list = conversations();
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox root = new VBox(10, search, list, actions());
        root.setId("history");
        root.getStyleClass().add("history");
        stage.setScene(styler.apply(new Scene(root, 640, 480)));
    }

    public void show() {
        viewModel.refresh();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private ListView<ConversationSummary> conversations() {
        ListView<ConversationSummary> list = new ListView<>(viewModel.conversations());
        list.setId("history-list");
        list.setAccessibleText("Saved conversations");
        list.setPlaceholder(new Label("No saved conversations match."));
        list.setCellFactory(l -> new SummaryCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                open();
            }
        });
        return list;
    }

    private HBox actions() {
        Button open = Icons.decorate(new Button("Open"), Icons.LOAD, "Show this comparison in the window");
        open.setId("history-open");
        open.setDefaultButton(true);
        open.disableProperty().bind(viewModel.canOpenProperty().not());
        open.setOnAction(e -> open());
        Button delete = Icons.decorate(new Button("Delete"), Icons.DELETE, "Forget this comparison (not the one open in the window)");
        delete.setId("history-delete");
        delete.disableProperty().bind(viewModel.canDeleteProperty().not());
        delete.setOnAction(e -> viewModel.deleteSelected());
        Button fresh = Icons.decorate(new Button("New comparison"), Icons.NEW_PANE, "Save this comparison and start an empty one");
        fresh.setId("history-new");
        fresh.setOnAction(e -> newComparison());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, open, delete, spacer, fresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void open() {
        if (viewModel.openSelected()) {
            stage.close();
        }
    }

    private void newComparison() {
        viewModel.newComparison();
        stage.close();
    }

    /** A title over its panes, models and date. */
    private static final class SummaryCell extends ListCell<ConversationSummary> {
        private final Label title = new Label();
        private final Label details = new Label();
        private final VBox box = new VBox(2, title, details);

        SummaryCell() {
            title.getStyleClass().add("history-title");
            details.getStyleClass().add("history-details");
        }

        @Override
        protected void updateItem(ConversationSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            title.setText(item.title());
            details.setText(HistoryViewModel.details(item));
            setGraphic(box);
        }
    }
}
