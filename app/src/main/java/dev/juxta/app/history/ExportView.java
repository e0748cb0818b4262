package dev.juxta.app.history;

import dev.juxta.app.common.Icons;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The toolbar's Export… menu (Markdown or JSON) and Import… button, with what the last one did. */
public final class ExportView extends HBox {
    private static final String EXPORT_ICON = "mdi2e-export";
    private static final String IMPORT_ICON = "mdi2i-import";
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private static final double MESSAGE_MAX_WIDTH = 280;
    private final ExportViewModel viewModel;
    private final ExportFileChooser files;

    public ExportView(ExportViewModel viewModel, ExportFileChooser files) {
        super(6);
        this.viewModel = viewModel;
        this.files = files;
        MenuButton export = Icons.decorate(new MenuButton("Export…"), EXPORT_ICON,
                "Save this comparison with every answer, its figures and how to reproduce it");
        export.setId("export");
        export.getItems().setAll(exportItem(ExportFormat.MARKDOWN, "Markdown, to read…"),
                exportItem(ExportFormat.JSON, "JSON, to import again…"));
        Button importButton = Icons.decorate(new Button("Import…"), IMPORT_ICON,
                "Open a comparison exported as JSON in place of these panes");
        importButton.setId("import");
        importButton.setOnAction(e -> files.importSource().ifPresent(viewModel::importFrom));
        export.disableProperty().bind(viewModel.busyProperty());
        importButton.disableProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.setId("export-message");
        message.getStyleClass().add("export-message");
        message.textProperty().bind(viewModel.messageProperty());
        // Cut, not grown: a long error would push the toolbar's buttons into its overflow menu.
        message.setMaxWidth(MESSAGE_MAX_WIDTH);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(viewModel.messageProperty());
        message.setTooltip(whole);
        viewModel.failedProperty().addListener((obs, was, now) -> message.pseudoClassStateChanged(FAILED, now));
        setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(export, importButton, message);
    }

    private MenuItem exportItem(ExportFormat format, String text) {
        MenuItem item = new MenuItem(text);
        item.setId("export-" + format.extension());
        item.setOnAction(e -> files.exportTarget(format, viewModel.suggestedName(format))
                .ifPresent(file -> viewModel.exportTo(file, format)));
        return item;
    }
}
