package dev.juxta.app.history;

import dev.juxta.app.workspace.ComparisonSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Saved comparisons in the history database: save, load, list, search, delete. Every method does
 * file I/O: call it on a worker thread. Safe from any thread (one connection, used in turn).
 */
public final class HistoryStore implements AutoCloseable {
    /** Shorter than FTS5's trigrams: such a search scans with LIKE. */
    private static final int MIN_INDEXED_QUERY = 3;

    private final HistoryDatabase database;
    private final boolean indexed;

    HistoryStore(HistoryDatabase database) {
        this.database = database;
        this.indexed = database.use(c -> {
            try (var s = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE name = 'turns_text'"); ResultSet r = s.executeQuery()) {
                return r.next();
            }
        });
    }

    /** Opens (or creates) the history at {@code file}; a damaged file is set aside, see {@link #problem()}. */
    public static HistoryStore open(Path file) {
        return new HistoryStore(HistoryDatabase.open(file));
    }

    /** What went wrong opening the file, in words for the user; empty when nothing did. */
    public Optional<String> problem() {
        return database.problem();
    }

    /** The votes of blind comparisons, in the same file. */
    public SqliteVoteLog voteLog() {
        return new SqliteVoteLog(database);
    }

    /** Saves a comparison, replacing what was saved under its id, in one transaction. */
    public void save(ComparisonSnapshot comparison) {
        database.inTransaction(c -> {
            deleteRows(c, comparison.id());
            try (var s = c.prepareStatement("INSERT INTO comparisons (id, title, updated_ms) VALUES (?, ?, ?)")) {
                s.setString(1, comparison.id());
                s.setString(2, comparison.title());
                s.setLong(3, comparison.updated().toEpochMilli());
                s.executeUpdate();
            }
            for (int i = 0; i < comparison.panes().size(); i++) {
                HistoryRows.insertPane(c, comparison.id(), i, comparison.panes().get(i));
            }
            return null;
        });
    }

    /** The saved comparison with this id, if there is one. */
    public Optional<ComparisonSnapshot> load(String id) {
        return database.use(c -> {
            try (var s = c.prepareStatement("SELECT title, updated_ms FROM comparisons WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ComparisonSnapshot(id, r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
                            HistoryRows.panes(c, id)));
                }
            }
        });
    }

    /** The comparison changed last, if any. */
    public Optional<ComparisonSnapshot> latest() {
        return list().stream().findFirst().flatMap(summary -> load(summary.id()));
    }

    /** Every saved comparison, newest first. */
    public List<ConversationSummary> list() {
        return database.use(c -> {
            Map<String, Set<String>> models = new LinkedHashMap<>();
            try (var s = c.prepareStatement("SELECT comparison_id, model_name FROM panes WHERE model_name IS NOT NULL ORDER BY position");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    models.computeIfAbsent(r.getString(1), id -> new LinkedHashSet<>()).add(r.getString(2));
                }
            }
            List<ConversationSummary> all = new ArrayList<>();
            try (var s = c.prepareStatement("""
                    SELECT c.id, c.title, c.updated_ms, (SELECT COUNT(*) FROM panes p WHERE p.comparison_id = c.id)
                    FROM comparisons c ORDER BY c.updated_ms DESC, c.rowid DESC""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(new ConversationSummary(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                            r.getInt(4), List.copyOf(models.getOrDefault(r.getString(1), Set.of()))));
                }
            }
            return all;
        });
    }

    /** The comparisons whose prompts or answers contain {@code text} (ignoring case), newest first; all for blank text. */
    public List<ConversationSummary> search(String text) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            return list();
        }
        Set<String> matching = database.use(c -> matchingIds(c, query));
        return list().stream().filter(summary -> matching.contains(summary.id())).toList();
    }

    private Set<String> matchingIds(Connection c, String query) throws SQLException {
        boolean useIndex = indexed && query.codePointCount(0, query.length()) >= MIN_INDEXED_QUERY;
        String sql = useIndex
                ? "SELECT t.comparison_id FROM turns_text JOIN turns t ON t.id = turns_text.rowid WHERE turns_text MATCH ?"
                : "SELECT comparison_id FROM turns WHERE prompt LIKE ?1 ESCAPE '\\' OR answer LIKE ?1 ESCAPE '\\'";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, useIndex ? phrase(query) : "%" + likeEscaped(query) + "%");
            Set<String> ids = new LinkedHashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        }
    }

    /** The text as one FTS5 phrase, so that its quotes and operators are plain text. */
    private static String phrase(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Forgets a saved comparison. */
    public void delete(String id) {
        database.inTransaction(c -> {
            deleteRows(c, id);
            return null;
        });
    }

    private static void deleteRows(Connection c, String id) throws SQLException {
        for (String table : List.of("turns", "panes", "comparisons")) {
            try (var s = c.prepareStatement("DELETE FROM " + table + " WHERE " + (table.equals("comparisons") ? "id" : "comparison_id") + " = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
