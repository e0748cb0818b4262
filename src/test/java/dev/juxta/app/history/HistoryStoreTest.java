package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.AnswerFigures;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.app.compare.Vote;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("history.db");
    }

    private static final SessionOptions TUNED = new SessionOptions("Réponds en français — 日本語も 🦊", 0.37, 0.9, 7,
            0.02, 1.3, 99, 1234, true, 5);

    static ComparisonSnapshot comparison(String id, String answer, Instant updated) {
        ModelRef model = new ModelRef(Path.of("/models/tiny model ü.gguf"), "stories260K-chatml", "F32", 1_185_376);
        PaneSnapshot first = new PaneSnapshot("Chat 1", model, TUNED, List.of(
                new TurnSnapshot("Tell me about the " + id, answer, 42,
                        new AnswerFigures(17, 64, 123, 456.789, StopReason.MAX_TOKENS)),
                new TurnSnapshot("Une question ? 🤔\nsur deux lignes", "", 7, null),
                new TurnSnapshot("And then?", "Then 𝄞 \"quoted\" 100% _done_", 2_147_483_647L,
                        new AnswerFigures(3, 0, -1, Double.NaN, null))));
        PaneSnapshot second = new PaneSnapshot("Chat 2", null, SessionOptions.defaults(), List.of());
        return new ComparisonSnapshot(id, "Tell me about the " + id, updated, List.of(first, second));
    }

    @Test
    void aComparisonComesBackWithEveryFieldAndASaveReplacesIt() {
        Instant at = Instant.ofEpochMilli(1_765_000_000_123L);
        ComparisonSnapshot saved = comparison("dragon", "A dragon — ドラゴン — flew.", at);
        try (HistoryStore store = HistoryStore.open(file())) {
            store.save(saved);
            assertEquals(saved, store.load("dragon").orElseThrow());
            assertTrue(store.problem().isEmpty());
        }
        try (HistoryStore store = HistoryStore.open(file())) {
            assertEquals(saved, store.load("dragon").orElseThrow(), "after reopening the file");
            PaneSnapshot shorter = new PaneSnapshot("Chat 1", null, SessionOptions.defaults(),
                    List.of(new TurnSnapshot("Only this", "now", 1, null)));
            ComparisonSnapshot replaced = new ComparisonSnapshot("dragon", "Only this", at.plusSeconds(5), List.of(shorter));
            store.save(replaced);
            assertEquals(replaced, store.load("dragon").orElseThrow());
            assertEquals(1, store.list().size());
            assertTrue(store.load("absent").isEmpty());
        }
    }

    @Test
    void theListIsNewestFirstAndSearchFindsPromptAndAnswerText() {
        try (HistoryStore store = HistoryStore.open(file())) {
            store.save(comparison("old", "A cat sat.", Instant.ofEpochMilli(1_000)));
            store.save(comparison("new", "A dragon flew over the hill.", Instant.ofEpochMilli(3_000)));
            store.save(comparison("middle", "Rain, then the sun ☀️.", Instant.ofEpochMilli(2_000)));

            List<ConversationSummary> all = store.list();
            assertEquals(List.of("new", "middle", "old"), all.stream().map(ConversationSummary::id).toList());
            assertEquals(2, all.getFirst().paneCount());
            assertEquals(List.of("stories260K-chatml"), all.getFirst().modelNames());
            assertEquals("new", store.latest().orElseThrow().id());

            assertEquals(List.of("new"), ids(store.search("DRAGON flew")), "answers, ignoring case");
            assertEquals(List.of("middle"), ids(store.search("about the middle")), "prompts");
            assertEquals(List.of("middle"), ids(store.search("☀")), "one character");
            assertEquals(List.of("new", "middle", "old"), ids(store.search("100%")), "operators are text");
            assertEquals(List.of("new", "middle", "old"), ids(store.search("\"quoted\"")), "quotes are text");
            assertEquals(List.of(), ids(store.search("unicorn")));
            assertEquals(3, store.search("  ").size(), "blank: everything");

            store.delete("new");
            assertEquals(List.of(), ids(store.search("dragon")), "a deleted comparison is not found");
            assertEquals(List.of("middle", "old"), ids(store.list()));
        }
    }

    private static List<String> ids(List<ConversationSummary> summaries) {
        return summaries.stream().map(ConversationSummary::id).toList();
    }

    @Test
    void aVersionOneFileIsMigratedAndItsTurnsBecomeSearchable() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            HistoryMigrations.STEPS.getFirst().apply(s);
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO comparisons VALUES ('v1', 'Old times', 5000)");
            s.execute("INSERT INTO panes VALUES ('v1', 0, 'Chat 1', NULL, NULL, NULL, NULL, '', 0.8, 0.95, 40, 0.05, 1.1, 512, -1, 0, 5)");
            s.execute("INSERT INTO turns (comparison_id, pane, position, prompt, answer, seed) VALUES ('v1', 0, 0, 'Old times', 'a lighthouse keeper', 9)");
        }
        try (HistoryStore store = HistoryStore.open(file())) {
            assertTrue(store.problem().isEmpty(), () -> store.problem().orElseThrow());
            assertEquals(List.of("v1"), ids(store.search("lighthouse")));
            ComparisonSnapshot old = store.load("v1").orElseThrow();
            assertEquals(new TurnSnapshot("Old times", "a lighthouse keeper", 9, null), old.panes().getFirst().turns().getFirst());
            store.voteLog().add(new Vote("a", "b", Vote.Verdict.TIE, Instant.ofEpochMilli(1)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            assertEquals(HistoryMigrations.latest(), HistoryMigrations.version(c));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsSetAsideAndANewHistoryStarts() throws IOException {
        Files.writeString(file(), "these are notes, not a database\n".repeat(200));
        assertSetAsideAndReplaced("these are notes", "not a database");
    }

    @Test
    void aCorruptDatabaseIsSetAside() throws IOException {
        try (HistoryStore store = HistoryStore.open(file())) {
            for (int i = 0; i < 40; i++) {
                store.save(comparison("c" + i, "x".repeat(3000), Instant.ofEpochMilli(i)));
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
            for (long page = 1; page * 4096 < raw.length(); page += 2) {
                raw.seek(page * 4096);
                raw.write("garbage!".repeat(512).getBytes());
            }
        }
        assertSetAsideAndReplaced(null, "");
    }

    @Test
    void aFileFromANewerJuxtaIsSetAside() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (HistoryMigrations.latest() + 1));
        }
        assertSetAsideAndReplaced(null, "newer Juxta");
    }

    /** Opens the file: it must be set aside whole (with {@code content}, if given), reported, and a working store started. */
    private void assertSetAsideAndReplaced(String content, String reason) throws IOException {
        try (HistoryStore store = HistoryStore.open(file())) {
            String problem = store.problem().orElseThrow(() -> new AssertionError("no problem reported"));
            List<Path> aside;
            try (Stream<Path> files = Files.list(dir)) {
                aside = files.filter(p -> p.getFileName().toString().matches("history\\.db\\.damaged-\\d{8}-\\d{6}")).toList();
            }
            assertEquals(1, aside.size(), "one file set aside: " + problem);
            assertTrue(problem.contains(aside.getFirst().toString()), problem);
            assertTrue(problem.contains(reason), problem);
            if (content != null) {
                assertTrue(Files.readString(aside.getFirst()).startsWith(content));
            }
            ComparisonSnapshot fresh = comparison("fresh", "works", Instant.ofEpochMilli(1));
            store.save(fresh);
            assertEquals(List.of(fresh), store.list().stream().map(s -> store.load(s.id()).orElseThrow()).toList());
        }
        try (HistoryStore again = HistoryStore.open(file())) {
            assertFalse(again.problem().isPresent(), "the new file is fine");
        }
    }
}
