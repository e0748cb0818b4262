package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.app.compare.Vote;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteVoteLogTest {
    @TempDir
    Path dir;

    @Test
    void votesComeBackOldestFirstAfterReopening() {
        List<Vote> votes = List.of(
                new Vote("stories260K · temp 0.8 · «seed» 1", "qwen3 🦊 · temp 0", Vote.Verdict.A, Instant.ofEpochMilli(1_000)),
                new Vote("x", "y", Vote.Verdict.BOTH_BAD, Instant.ofEpochMilli(2_000)),
                new Vote("x", "y", Vote.Verdict.TIE, Instant.ofEpochMilli(2_000)),
                new Vote("y", "x", Vote.Verdict.B, Instant.ofEpochMilli(3_000)));
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            votes.forEach(store.voteLog()::add);
            assertEquals(votes, store.voteLog().all());
        }
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            assertEquals(votes, store.voteLog().all());
        }
    }
}
