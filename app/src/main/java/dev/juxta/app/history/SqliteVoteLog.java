package dev.juxta.app.history;

import dev.juxta.app.compare.Vote;
import dev.juxta.app.compare.VoteLog;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Blind votes in the history database ({@link HistoryStore#voteLog()}). Does file I/O: call it off the FX thread. */
public final class SqliteVoteLog implements VoteLog {
    private final HistoryDatabase database;

    SqliteVoteLog(HistoryDatabase database) {
        this.database = database;
    }

    @Override
    public void add(Vote vote) {
        database.inTransaction(c -> {
            try (var s = c.prepareStatement("INSERT INTO votes (config_a, config_b, verdict, at_ms) VALUES (?, ?, ?, ?)")) {
                s.setString(1, vote.configA());
                s.setString(2, vote.configB());
                s.setString(3, vote.verdict().name());
                s.setLong(4, vote.at().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Vote> all() {
        return database.use(c -> {
            List<Vote> votes = new ArrayList<>();
            try (var s = c.prepareStatement("SELECT config_a, config_b, verdict, at_ms FROM votes ORDER BY at_ms, id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    votes.add(new Vote(r.getString(1), r.getString(2), Vote.Verdict.valueOf(r.getString(3)),
                            Instant.ofEpochMilli(r.getLong(4))));
                }
            }
            return votes;
        });
    }
}
