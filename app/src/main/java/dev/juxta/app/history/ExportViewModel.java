package dev.juxta.app.history;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.app.workspace.WorkspaceViewModel;
import dev.juxta.llama.ModelOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * Export of the window's comparison to Markdown or JSON, and import of a JSON export in place of the
 * current panes. Files are read, written and hashed on the executor; the panes are only replaced
 * once the whole file has been read and checked, so a bad file leaves them as they were. FX thread.
 */
public final class ExportViewModel {
    private final WorkspaceViewModel workspace;
    private final Executor executor;
    private final ReproducibilityCards cards;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    public ExportViewModel(WorkspaceViewModel workspace, Executor executor, ReproducibilityCards cards) {
        this.workspace = workspace;
        this.executor = executor;
        this.cards = cards;
    }

    /** A file name from the comparison's title, e.g. "juxta-once-upon-a-time.md". */
    public String suggestedName(ExportFormat format) {
        String slug = workspace.snapshot().title().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-|-$", "");
        return "juxta-" + (slug.length() > 40 ? slug.substring(0, 40) : slug) + "." + format.extension();
    }

    /** Writes the panes as they are now, each with its reproducibility card. */
    public void exportTo(Path file, ExportFormat format) {
        ComparisonSnapshot snapshot = workspace.snapshot();
        List<ModelOptions> runtimes = workspace.panes().stream().map(ChatViewModel::runtimeOptions).toList();
        run("Export", () -> {
            write(file, format.write(exported(snapshot, runtimes)));
            return file;
        }, written -> "Exported to " + written);
    }

    /** Replaces the panes by those of a JSON export, as a new comparison (see {@link ExportedComparison#toSnapshot}). */
    public void importFrom(Path file) {
        run("Import", () -> ComparisonJson.read(file.getFileName().toString(), read(file)), imported -> {
            workspace.restore(imported.toSnapshot(UUID.randomUUID().toString(), Instant.now()));
            return "Imported " + imported.panes().size() + " panes from " + file;
        });
    }

    private ExportedComparison exported(ComparisonSnapshot snapshot, List<ModelOptions> runtimes) {
        List<ExportedPane> panes = new ArrayList<>();
        for (int i = 0; i < snapshot.panes().size(); i++) {
            PaneSnapshot pane = snapshot.panes().get(i);
            ModelOptions runtime = runtimes.get(i);
            panes.add(new ExportedPane(pane, pane.model() == null || runtime == null ? null : cards.cardOf(pane.model(), runtime)));
        }
        return new ExportedComparison(snapshot.id(), snapshot.title(), Instant.now(), appVersion(), panes);
    }

    /** The version in the jar's manifest; a build run from its classes folder has none. */
    static String appVersion() {
        return Optional.ofNullable(ExportViewModel.class.getPackage().getImplementationVersion()).orElse("development build");
    }

    /** Through a temporary file beside it, so that a failed export never leaves half a file in place of a good one. */
    private static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            try {
                Files.writeString(partial, text);
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(absolute + ": cannot write (" + e.getClass().getSimpleName() + " "
                    + e.getMessage() + ")", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new ImportException(file + ": not UTF-8 text, so not a Juxta export", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private <T> void run(String action, Callable<T> work, Function<T, String> done) {
        busy.set(true);
        message.set(action + "ing…");
        failed.set(false);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> finish(false, done.apply(task.getValue())));
        task.setOnFailed(e -> finish(true, action + " failed: " + reason(task.getException())));
        executor.execute(task);
    }

    private void finish(boolean failure, String text) {
        busy.set(false);
        failed.set(failure);
        message.set(text);
    }

    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    /** What the last export or import did, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
