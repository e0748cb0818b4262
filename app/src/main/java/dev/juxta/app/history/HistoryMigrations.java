package dev.juxta.app.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history's schema, as ordered steps: step n takes a database from {@code user_version} n-1
 * to n. A step once released never changes; a new need is a new step at the end.
 */
final class HistoryMigrations {
    private HistoryMigrations() {
    }

    @FunctionalInterface
    interface Step {
        void apply(Statement s) throws SQLException;
    }

    static final List<Step> STEPS = List.of(
            HistoryMigrations::comparisons,
            HistoryMigrations::searchIndex,
            HistoryMigrations::votes);

    /** The version this Juxta writes. */
    static int latest() {
        return STEPS.size();
    }

    /** Brings the database to {@link #latest()}, each step in its own transaction. */
    static void apply(Connection connection) throws SQLException {
        int version = version(connection);
        if (version > latest()) {
            throw HistoryException.unusable("it was written by a newer Juxta (schema version " + version
                    + ", this one knows up to " + latest() + ")");
        }
        for (int step = version; step < latest(); step++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                STEPS.get(step).apply(s);
                s.execute("PRAGMA user_version = " + (step + 1));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** Version 1: a comparison's panes (model and settings) and their turns, in order. */
    private static void comparisons(Statement s) throws SQLException {
        s.execute("""
                CREATE TABLE comparisons (
                  id TEXT PRIMARY KEY,
                  title TEXT NOT NULL,
                  updated_ms INTEGER NOT NULL)""");
        s.execute("CREATE INDEX comparisons_by_update ON comparisons(updated_ms)");
        s.execute("""
                CREATE TABLE panes (
                  comparison_id TEXT NOT NULL REFERENCES comparisons(id),
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  model_file TEXT, model_name TEXT, model_quantization TEXT, model_size INTEGER,
                  system_prompt TEXT NOT NULL, temperature REAL NOT NULL, top_p REAL NOT NULL,
                  top_k INTEGER NOT NULL, min_p REAL NOT NULL, repeat_penalty REAL NOT NULL,
                  max_tokens INTEGER NOT NULL, seed INTEGER NOT NULL, ignore_end_of_text INTEGER NOT NULL,
                  alternatives INTEGER NOT NULL,
                  PRIMARY KEY (comparison_id, position))""");
        // An INTEGER PRIMARY KEY: the search index refers to turns by rowid, which VACUUM keeps only for such keys.
        s.execute("""
                CREATE TABLE turns (
                  id INTEGER PRIMARY KEY,
                  comparison_id TEXT NOT NULL,
                  pane INTEGER NOT NULL,
                  position INTEGER NOT NULL,
                  prompt TEXT NOT NULL,
                  answer TEXT NOT NULL,
                  seed INTEGER NOT NULL,
                  prompt_tokens INTEGER, tokens INTEGER, first_token_ms INTEGER, tokens_per_second REAL,
                  stop_reason TEXT,
                  UNIQUE (comparison_id, pane, position),
                  FOREIGN KEY (comparison_id, pane) REFERENCES panes(comparison_id, position))""");
    }

    /**
     * Version 2: full-text search over prompts and answers. FTS5's trigram tokenizer finds any
     * piece of text of 3 characters or more, as the search field's user expects, case-insensitively.
     * A SQLite built without FTS5 gets no index and {@link HistoryStore#search} scans with LIKE.
     */
    private static void searchIndex(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT sqlite_compileoption_used('ENABLE_FTS5')")) {
            if (!r.next() || r.getInt(1) == 0) {
                return;
            }
        }
        s.execute("CREATE VIRTUAL TABLE turns_text USING fts5(prompt, answer, content='turns', content_rowid='id', tokenize='trigram')");
        s.execute("""
                CREATE TRIGGER turns_text_insert AFTER INSERT ON turns BEGIN
                  INSERT INTO turns_text(rowid, prompt, answer) VALUES (new.id, new.prompt, new.answer);
                END""");
        s.execute("""
                CREATE TRIGGER turns_text_delete AFTER DELETE ON turns BEGIN
                  INSERT INTO turns_text(turns_text, rowid, prompt, answer) VALUES ('delete', old.id, old.prompt, old.answer);
                END""");
        s.execute("INSERT INTO turns_text(turns_text) VALUES ('rebuild')");
    }

    /** Version 3: blind-mode votes. */
    private static void votes(Statement s) throws SQLException {
        s.execute("""
                CREATE TABLE votes (
                  id INTEGER PRIMARY KEY,
                  config_a TEXT NOT NULL,
                  config_b TEXT NOT NULL,
                  verdict TEXT NOT NULL,
                  at_ms INTEGER NOT NULL)""");
    }
}
