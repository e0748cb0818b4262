package dev.juxta.app.compare;

import dev.juxta.app.compare.DifferencesViewModel.Cell;
import dev.juxta.app.compare.DifferencesViewModel.Differences;
import dev.juxta.app.compare.DifferencesViewModel.Row;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Above the panes: a table of the settings that differ (each pane's value, the odd ones marked) and a line of those that agree. */
public final class DifferencesStrip extends VBox {
    private final GridPane table = new GridPane();
    private final Label same = new Label();

    public DifferencesStrip(DifferencesViewModel viewModel) {
        setId("differences-strip");
        getStyleClass().add("differences-strip");
        table.setId("differences-table");
        table.getStyleClass().add("differences-table");
        same.setId("same-settings");
        same.getStyleClass().add("same-settings");
        same.setWrapText(true);
        getChildren().setAll(table, same);
        viewModel.differencesProperty().subscribe(this::show);
    }

    private void show(Differences differences) {
        boolean comparing = differences.panes().size() > 1;
        setVisible(comparing);
        setManaged(comparing);
        table.getChildren().clear();
        boolean anyRow = !differences.rows().isEmpty();
        table.setVisible(anyRow);
        table.setManaged(anyRow);
        if (anyRow) {
            header(differences.panes());
            for (int r = 0; r < differences.rows().size(); r++) {
                row(differences.rows().get(r), r + 1);
            }
        }
        same.setText(differences.same());
        same.setTooltip(differences.same().isEmpty() ? null : new Tooltip(differences.same()));
    }

    private void header(List<String> panes) {
        table.add(label("Differs", "differences-heading"), 0, 0);
        for (int p = 0; p < panes.size(); p++) {
            table.add(label(panes.get(p), "differences-heading"), p + 1, 0);
        }
    }

    private void row(Row row, int index) {
        Label name = label(row.setting(), "difference-setting");
        name.setId("difference-" + row.setting().replace(' ', '-').toLowerCase(Locale.ROOT));
        table.add(name, 0, index);
        for (int p = 0; p < row.cells().size(); p++) {
            Cell cell = row.cells().get(p);
            Label value = label(cell.value(), "difference-cell");
            if (cell.differs()) {
                value.getStyleClass().add("differs");
            }
            table.add(value, p + 1, index);
        }
    }

    private static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
