package dev.juxta.app.compare;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** Each configuration's votes, win rate and its 95% interval, best first. */
public final class LeaderboardView extends BorderPane {

    public LeaderboardView(LeaderboardViewModel viewModel) {
        getStyleClass().add("leaderboard");
        TableView<LeaderboardRow> table = new TableView<>(viewModel.rows());
        table.setId("leaderboard-table");
        table.setPlaceholder(new Label("No votes yet: vote in a blind comparison (Blind A/B)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LeaderboardRow, String> configuration = text("Configuration", LeaderboardRow::label);
        configuration.setPrefWidth(360);
        table.getColumns().add(configuration);
        table.getColumns().add(count("Votes", LeaderboardRow::votes));
        table.getColumns().add(count("Wins", LeaderboardRow::wins));
        table.getColumns().add(count("Ties", LeaderboardRow::ties));
        table.getColumns().add(count("Losses", LeaderboardRow::losses));
        table.getColumns().add(count("Both bad", LeaderboardRow::bothBad));
        table.getColumns().add(text("Win rate", row -> row.winRate().isPresent() ? percent(row.winRate().getAsDouble()) : "–"));
        table.getColumns().add(text("95% interval", row -> percent(row.low()) + " – " + percent(row.high())));
        setCenter(table);
        Label how = new Label("Win rate: wins plus half the ties, over the votes that chose a side or called a tie; "
                + "\"both bad\" is shown but left out. Interval: Wilson score, 95%. Best lower bound first.");
        how.getStyleClass().add("leaderboard-note");
        how.setWrapText(true);
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        setBottom(new VBox(4, error, how));
    }

    private static TableColumn<LeaderboardRow, String> text(String title, Function<LeaderboardRow, String> value) {
        TableColumn<LeaderboardRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<LeaderboardRow, Integer> count(String title, Function<LeaderboardRow, Integer> value) {
        TableColumn<LeaderboardRow, Integer> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.getStyleClass().add("count");
        return column;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
