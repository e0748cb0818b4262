package dev.juxta.app.compare;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** The leaderboard's rows, read from the vote log off the FX thread. FX thread only. */
public final class LeaderboardViewModel {
    private final VoteLog votes;
    private final Executor executor;
    private final ObservableList<LeaderboardRow> rows = FXCollections.observableArrayList();
    private final ObservableList<LeaderboardRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public LeaderboardViewModel(VoteLog votes, Executor executor) {
        this.votes = votes;
        this.executor = executor;
    }

    /** Reads the votes again. */
    public void refresh() {
        Task<List<LeaderboardRow>> read = new Task<>() {
            @Override
            protected List<LeaderboardRow> call() {
                return Leaderboard.of(votes.all(), LeaderboardViewModel::labelOf);
            }
        };
        read.setOnSucceeded(e -> {
            rows.setAll(read.getValue());
            error.set("");
        });
        read.setOnFailed(e -> error.set("The votes could not be read: " + read.getException().getMessage()));
        executor.execute(read);
    }

    /** A key that is not a configuration's (a vote kept by another version) is shown as it is. */
    static String labelOf(String key) {
        return Configuration.fromKey(key).map(c -> c.label(BlindViewModel.USUAL)).orElse(key);
    }

    public ObservableList<LeaderboardRow> rows() {
        return readOnlyRows;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
