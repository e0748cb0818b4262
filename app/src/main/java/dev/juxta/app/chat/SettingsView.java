package dev.juxta.app.chat;

import dev.juxta.app.common.Icons;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A pane's settings, collapsed under its header; Apply validates and keeps them for the next turn. */
final class SettingsView {
    /** The narrowest a field gets (a number still shows), so that a narrow pane's settings fit. */
    private static final double FIELD_MIN_WIDTH = 48;
    private final SettingsViewModel viewModel;
    private final GridPane grid = new GridPane();
    private int fields;

    SettingsView(SettingsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    TitledPane node() {
        TextArea system = new TextArea();
        system.setPrefRowCount(2);
        system.setMinWidth(FIELD_MIN_WIDTH);
        system.setWrapText(true);
        system.setPromptText("System prompt (empty for none)");
        system.textProperty().bindBidirectional(viewModel.systemPromptProperty());
        describe(system, "System prompt", "Instructions given to the model before the conversation");
        grid.add(system, 0, 0, 4, 1);
        GridPane.setHgrow(system, Priority.ALWAYS);
        field("Temperature", "temperature", viewModel.temperatureProperty(), "0 = greedy, same answer every time; up to 5");
        field("Top-p", "top-p", viewModel.topPProperty(), "Nucleus sampling, above 0 and at most 1");
        // The long names in the first column, so that the second stays narrow.
        field("Repeat penalty", "repeat-penalty", viewModel.repeatPenaltyProperty(), "1 = off; above 1 discourages repeats");
        field("Top-k", "top-k", viewModel.topKProperty(), "Sample from the k likeliest tokens; 0 = off");
        field("Max tokens", "max-tokens", viewModel.maxTokensProperty(), "Longest answer in tokens");
        field("Seed", "seed", viewModel.seedProperty(), "-1 = random; a fixed seed repeats sampled answers");
        field("Min-p", "min-p", viewModel.minPProperty(), "Drops tokens less likely than this share of the likeliest; 0 = off");

        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty()); // no blank line under Apply
        error.visibleProperty().bind(error.managedProperty());
        Button apply = Icons.decorate(new Button("Apply"), Icons.APPLY, "Check these settings and use them from the next message on");
        apply.setOnAction(e -> viewModel.apply());
        grid.getStyleClass().add("settings-grid");
        grid.setHgap(6);
        grid.setVgap(4);
        // Names as wide as they need, the two field columns share the rest equally, and in a narrow
        // pane they narrow down to what a number needs.
        for (int column = 0; column < 4; column++) {
            boolean fieldColumn = column % 2 == 1;
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(fieldColumn ? Priority.ALWAYS : Priority.NEVER);
            constraints.setMinWidth(fieldColumn ? FIELD_MIN_WIDTH : Region.USE_PREF_SIZE);
            constraints.setFillWidth(true);
            grid.getColumnConstraints().add(constraints);
        }
        VBox content = new VBox(6, grid, apply, error);
        content.getStyleClass().add("settings-content");
        // In a short pane the settings scroll (ChatView caps their height), not the conversation away.
        ScrollPane scroller = new ScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("settings-scroller");
        TitledPane pane = new TitledPane("Settings", scroller);
        pane.setGraphic(Icons.icon(Icons.SETTINGS));
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.getStyleClass().add("pane-settings");
        pane.setAccessibleText("Settings of this pane");
        return pane;
    }

    private void field(String label, String id, StringProperty value, String help) {
        TextField field = new TextField();
        field.getStyleClass().add("setting-" + id);
        field.setPrefColumnCount(5);
        field.textProperty().bindBidirectional(value);
        describe(field, label, help);
        Label name = new Label(label);
        name.setLabelFor(field);
        int column = (fields % 2) * 2;
        grid.add(name, column, fields / 2 + 1);
        grid.add(field, column + 1, fields / 2 + 1);
        fields++;
    }

    private static void describe(javafx.scene.control.Control control, String name, String help) {
        control.setAccessibleText(name);
        control.setTooltip(new Tooltip(name + ": " + help));
    }
}
