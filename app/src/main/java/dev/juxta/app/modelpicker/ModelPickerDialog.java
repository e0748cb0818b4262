package dev.juxta.app.modelpicker;

import dev.juxta.app.common.Icons;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The model picker window: local models with their metadata, Browse…, Load with progress and Cancel, and Get a model. */
public final class ModelPickerDialog {
    private final ModelPickerViewModel viewModel;
    private final Stage stage = new Stage();

    public ModelPickerDialog(Window owner, ModelPickerViewModel viewModel, String title, Function<Scene, Scene> styler) {
        this.viewModel = viewModel;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        VBox root = new VBox(10, localModels(), actions(), status(), new DownloadsView(viewModel).node());
        root.getStyleClass().add("model-picker");
        root.setId("model-picker");
        Scene scene = styler.apply(new Scene(root, 980, 620));
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        viewModel.doneProperty().addListener((obs, was, now) -> {
            if (now) {
                stage.close();
            }
        });
        stage.setOnCloseRequest(e -> viewModel.cancel());
    }

    public void show() {
        viewModel.refresh();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private TableView<ModelRow> localModels() {
        TableView<ModelRow> table = new TableView<>(viewModel.rows());
        table.setId("model-table");
        table.setAccessibleText("Model files");
        table.setPlaceholder(new Label("No .gguf files yet: Browse… for one, or get one below."));
        table.getColumns().setAll(
                // Wide enough for each title at the app's font size; the table scrolls sideways.
                column("Name", ModelRow::name, 180), column("Architecture", ModelRow::architecture, 95),
                column("Parameters", ModelRow::parameters, 85), column("Quantization", ModelRow::quantization, 100),
                column("Trained context", ModelRow::trainedContext, 115), column("File size", ModelRow::size, 75),
                column("Chat template", ModelRow::chatTemplate, 105), column("Memory needed", ModelRow::memory, 240),
                column("Problem", ModelRow::error, 300));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((obs, old, row) -> table.getSelectionModel().select(row));
        table.setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<ModelRow>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.load();
                }
            });
            return row;
        });
        table.setPrefHeight(220);
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private static TableColumn<ModelRow, String> column(String title, Function<ModelRow, String> value, double width) {
        TableColumn<ModelRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private HBox actions() {
        Button browse = Icons.decorate(new Button("Browse…"), Icons.BROWSE, "Choose a .gguf file anywhere on disk");
        browse.setId("browse-model");
        browse.setOnAction(e -> browse());
        ComboBox<Integer> context = new ComboBox<>();
        context.setId("context-choice");
        context.getItems().setAll(ModelPickerViewModel.CONTEXT_CHOICES);
        context.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer tokens) {
                return tokens == null || tokens == 0 ? "Auto" : tokens + " tokens";
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        context.setValue(viewModel.contextProperty().get());
        context.valueProperty().addListener((obs, old, now) -> viewModel.contextProperty().set(now == null ? 0 : now));
        context.setAccessibleText("Context length per pane");
        context.setTooltip(new javafx.scene.control.Tooltip("Context length per pane; the memory column follows it"));
        Label contextLabel = new Label("Context:");
        contextLabel.setLabelFor(context);
        Button load = Icons.decorate(new Button("Load"), Icons.LOAD, "Load the selected model into the panes");
        load.setId("load-model");
        load.setDefaultButton(true);
        load.disableProperty().bind(viewModel.busyProperty().or(viewModel.selectedProperty().isNull()));
        load.setOnAction(e -> viewModel.load());
        Button cancel = Icons.decorate(new Button("Cancel"), Icons.CANCEL, "Cancel the load or download in progress");
        cancel.setId("cancel-model");
        cancel.disableProperty().bind(viewModel.busyProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, browse, contextLabel, context, spacer, load, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private VBox status() {
        ProgressBar bar = new ProgressBar();
        bar.setId("picker-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.when(viewModel.busyProperty()).then(viewModel.progressProperty()).otherwise(0.0));
        bar.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.setId("picker-message");
        message.textProperty().bind(viewModel.messageProperty());
        Label error = new Label();
        error.setId("picker-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        return new VBox(4, bar, message, error);
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a GGUF model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            viewModel.addFile(file.toPath());
        }
    }

}
