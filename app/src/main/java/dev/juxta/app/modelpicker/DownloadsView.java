package dev.juxta.app.modelpicker;

import dev.juxta.app.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Get a model": the catalogue of small chat models and a field for any Hugging Face repository and file. */
final class DownloadsView {
    private final ModelPickerViewModel viewModel;

    DownloadsView(ModelPickerViewModel viewModel) {
        this.viewModel = viewModel;
    }

    TitledPane node() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        String[] headers = {"Model", "Size", "Licence", "Source repository", ""};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add("column-header-text");
            grid.add(header, c, 0);
        }
        int row = 1;
        for (KnownModel model : viewModel.catalogue()) {
            Button get = Icons.decorate(new Button("Download"), Icons.DOWNLOAD,
                    "Download " + model.name() + " (" + model.sizeText() + ") from " + model.repository());
            get.disableProperty().bind(viewModel.busyProperty());
            get.setOnAction(e -> viewModel.download(model));
            grid.addRow(row++, new Label(model.name()), new Label(model.sizeText()), new Label(model.licence()),
                    new Label(model.repository()), get);
        }
        TextField repository = new TextField();
        repository.setId("custom-repo");
        repository.setPromptText("owner/repository-GGUF");
        repository.setAccessibleText("Hugging Face repository");
        repository.textProperty().bindBidirectional(viewModel.customRepositoryProperty());
        TextField file = new TextField();
        file.setId("custom-file");
        file.setPromptText("model-q4_k_m.gguf");
        file.setAccessibleText("File in the repository");
        file.textProperty().bindBidirectional(viewModel.customFileProperty());
        Button get = Icons.decorate(new Button("Download"), Icons.DOWNLOAD, "Download this file from this Hugging Face repository");
        get.setId("custom-download");
        get.disableProperty().bind(viewModel.busyProperty()
                .or(viewModel.customRepositoryProperty().isEmpty()).or(viewModel.customFileProperty().isEmpty()));
        get.setOnAction(e -> viewModel.downloadCustom());
        HBox.setHgrow(repository, Priority.ALWAYS);
        HBox.setHgrow(file, Priority.ALWAYS);
        HBox custom = new HBox(8, new Label("Hugging Face:"), repository, file, get);
        custom.setAlignment(Pos.CENTER_LEFT);
        TitledPane pane = new TitledPane("Get a model", new VBox(8, grid, custom));
        pane.setGraphic(Icons.icon(Icons.DOWNLOAD));
        pane.setAnimated(false);
        pane.setId("get-a-model");
        return pane;
    }
}
