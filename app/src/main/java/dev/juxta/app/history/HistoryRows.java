package dev.juxta.app.history;

import dev.juxta.app.chat.AnswerFigures;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** A pane and its turns as rows of the panes and turns tables, and back. */
final class HistoryRows {
    private HistoryRows() {
    }

    static void insertPane(Connection c, String comparisonId, int position, PaneSnapshot pane) throws SQLException {
        try (var s = c.prepareStatement("""
                INSERT INTO panes (comparison_id, position, name, model_file, model_name, model_quantization, model_size,
                  system_prompt, temperature, top_p, top_k, min_p, repeat_penalty, max_tokens, seed, ignore_end_of_text, alternatives)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, comparisonId);
            s.setInt(2, position);
            s.setString(3, pane.name());
            ModelRef model = pane.model();
            s.setString(4, model == null ? null : model.file().toString());
            s.setString(5, model == null ? null : model.name());
            s.setString(6, model == null ? null : model.quantization());
            setLong(s, 7, model == null ? null : model.sizeBytes());
            SessionOptions o = pane.options();
            s.setString(8, o.systemPrompt());
            s.setDouble(9, o.temperature());
            s.setDouble(10, o.topP());
            s.setInt(11, o.topK());
            s.setDouble(12, o.minP());
            s.setDouble(13, o.repeatPenalty());
            s.setInt(14, o.maxTokens());
            s.setLong(15, o.seed());
            s.setBoolean(16, o.ignoreEndOfText());
            s.setInt(17, o.alternatives());
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("""
                INSERT INTO turns (comparison_id, pane, position, prompt, answer, seed,
                  prompt_tokens, tokens, first_token_ms, tokens_per_second, stop_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < pane.turns().size(); i++) {
                TurnSnapshot turn = pane.turns().get(i);
                s.setString(1, comparisonId);
                s.setInt(2, position);
                s.setInt(3, i);
                s.setString(4, turn.prompt());
                s.setString(5, turn.answer());
                s.setLong(6, turn.seed());
                AnswerFigures f = turn.figures();
                setLong(s, 7, f == null ? null : (long) f.promptTokens());
                setLong(s, 8, f == null ? null : (long) f.tokens());
                setLong(s, 9, f == null ? null : f.timeToFirstTokenMillis());
                if (f == null) {
                    s.setNull(10, Types.REAL);
                } else {
                    s.setDouble(10, f.tokensPerSecond());
                }
                s.setString(11, f == null || f.stopReason() == null ? null : f.stopReason().name());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    static List<PaneSnapshot> panes(Connection c, String comparisonId) throws SQLException {
        List<PaneSnapshot> panes = new ArrayList<>();
        try (var s = c.prepareStatement("""
                SELECT position, name, model_file, model_name, model_quantization, model_size,
                  system_prompt, temperature, top_p, top_k, min_p, repeat_penalty, max_tokens, seed, ignore_end_of_text, alternatives
                FROM panes WHERE comparison_id = ? ORDER BY position""")) {
            s.setString(1, comparisonId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String file = r.getString(3);
                    ModelRef model = file == null ? null : new ModelRef(Path.of(file), r.getString(4), r.getString(5), r.getLong(6));
                    SessionOptions options = new SessionOptions(r.getString(7), r.getDouble(8), r.getDouble(9), r.getInt(10),
                            r.getDouble(11), r.getDouble(12), r.getInt(13), r.getLong(14), r.getBoolean(15), r.getInt(16));
                    panes.add(new PaneSnapshot(r.getString(2), model, options, turns(c, comparisonId, r.getInt(1))));
                }
            }
        }
        return panes;
    }

    private static List<TurnSnapshot> turns(Connection c, String comparisonId, int pane) throws SQLException {
        List<TurnSnapshot> turns = new ArrayList<>();
        try (var s = c.prepareStatement("""
                SELECT prompt, answer, seed, prompt_tokens, tokens, first_token_ms, tokens_per_second, stop_reason
                FROM turns WHERE comparison_id = ? AND pane = ? ORDER BY position""")) {
            s.setString(1, comparisonId);
            s.setInt(2, pane);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    turns.add(new TurnSnapshot(r.getString(1), r.getString(2), r.getLong(3), figures(r)));
                }
            }
        }
        return turns;
    }

    /** Null when the turn had none (it was in flight when saved). */
    private static AnswerFigures figures(ResultSet r) throws SQLException {
        int promptTokens = r.getInt(4);
        if (r.wasNull()) {
            return null;
        }
        double tokensPerSecond = r.getDouble(7);
        // SQLite stores NaN as NULL.
        tokensPerSecond = r.wasNull() ? Double.NaN : tokensPerSecond;
        String stop = r.getString(8);
        return new AnswerFigures(promptTokens, r.getInt(5), r.getLong(6), tokensPerSecond,
                stop == null ? null : StopReason.valueOf(stop));
    }
}
