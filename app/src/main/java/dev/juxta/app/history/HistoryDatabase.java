package dev.juxta.app.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The history's SQLite file: opened in WAL mode, brought to the current schema by
 * {@link HistoryMigrations}, and set aside when it cannot be used, so the app always starts.
 *
 * <p>{@code synchronous=FULL}: every commit (a turn sent or ended, a few a minute) is on disk
 * before the writer goes on, so it survives a kill -9 and a power cut too; WAL keeps readers off
 * the writer's way. One connection, used by one thread at a time ({@link #use}).
 */
final class HistoryDatabase implements AutoCloseable {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Connection connection;
    private final String problem;

    private HistoryDatabase(Connection connection, String problem) {
        this.connection = connection;
        this.problem = problem;
    }

    /**
     * Opens {@code file}, creating it if needed. A file that is not a database, is corrupt or comes
     * from a newer Juxta is renamed to {@code <name>.damaged-<time>} and a fresh one started; when
     * not even that works, history lives in memory for this run. {@link #problem()} says which.
     */
    static HistoryDatabase open(Path file) {
        try {
            return new HistoryDatabase(connect(file), null);
        } catch (SQLException | HistoryException e) {
            if (!isDamage(e)) {
                // Locked by another Juxta, or a folder we may not write: the file may be fine, so it stays.
                return new HistoryDatabase(inMemory(), "The history file " + file + " could not be opened ("
                        + e.getMessage() + "). Conversations are not saved in this run.");
            }
            try {
                Path aside = setAside(file);
                return new HistoryDatabase(connect(file), "The history file could not be used (" + e.getMessage()
                        + "). It was moved to " + aside + " and a new history was started.");
            } catch (SQLException | IOException | HistoryException again) {
                return new HistoryDatabase(inMemory(), "The history file " + file + " could not be used (" + e.getMessage()
                        + ") nor replaced (" + again.getMessage() + "). Conversations are not saved in this run.");
            }
        }
    }

    /** Not a database, corrupt, or from a newer Juxta: nothing this version can do with the file. */
    private static boolean isDamage(Exception e) {
        if (e instanceof SQLException sql) {
            int primary = sql.getErrorCode() & 0xff;
            return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
        }
        return e instanceof HistoryException h && h.unusableFile();
    }

    private static Connection connect(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new HistoryException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            configure(connection, true);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Connection inMemory() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            configure(connection, false);
            return connection;
        } catch (SQLException e) {
            throw new HistoryException("SQLite does not work here: " + e.getMessage(), e);
        }
    }

    private static void configure(Connection connection, boolean onDisk) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            checkIntact(s);
            if (onDisk) {
                try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    mode.next();
                }
                s.execute("PRAGMA synchronous = FULL");
            }
        }
        HistoryMigrations.apply(connection);
    }

    /** quick_check reads every page once: a few milliseconds for a history of thousands of turns. */
    private static void checkIntact(Statement s) throws SQLException {
        try (ResultSet check = s.executeQuery("PRAGMA quick_check")) {
            String result = check.next() ? check.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw HistoryException.unusable("the database is damaged: " + result);
            }
        }
    }

    /** Moves the file and its WAL and shared-memory companions aside, keeping them together. */
    private static Path setAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + LocalDateTime.now().format(STAMP));
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.exists(file)) {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        return aside;
    }

    /** What went wrong opening the file, for the user; empty when nothing did. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Runs {@code work} on the connection, alone; wraps SQL failures in {@link HistoryException}. */
    synchronized <T> T use(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new HistoryException("history: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is saved, or none. */
    synchronized <T> T inTransaction(SqlWork<T> work) {
        return use(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new HistoryException("history: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
