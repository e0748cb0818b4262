package dev.juxta.app.history;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.app.workspace.WorkspaceViewModel;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;

/**
 * Saves the window's comparison whenever it changes: a pane added or closed, a turn sent or
 * ended, a model attached, a conversation restored. A pane's revision bumps when a turn is sent
 * and when it ends, so a kill -9 loses at most the answers in flight.
 *
 * <p>The snapshot is taken on the FX thread after the event that changed it (so a restore that
 * closes and adds panes is saved once, whole); the writes run one at a time on the executor,
 * and a burst of changes leaves at most one write pending: the newest snapshot.
 */
public final class HistoryAutosaver {
    private final WorkspaceViewModel workspace;
    private final Consumer<ComparisonSnapshot> save;
    private final Executor executor;
    private final Consumer<String> onFailure;
    private final InvalidationListener onRevision = o -> changed();
    private final Object lock = new Object();
    private boolean captureQueued;
    private ComparisonSnapshot pending;
    private boolean writing;

    /**
     * @param save      writes a snapshot (the store's save); runs on the executor, one call at a time
     * @param onFailure told on the executor's thread when a write fails, with the reason
     */
    public HistoryAutosaver(WorkspaceViewModel workspace, Consumer<ComparisonSnapshot> save, Executor executor,
                            Consumer<String> onFailure) {
        this.workspace = workspace;
        this.save = save;
        this.executor = executor;
        this.onFailure = onFailure;
    }

    /** Starts watching the panes; FX thread. */
    public void start() {
        workspace.panes().forEach(pane -> pane.revisionProperty().addListener(onRevision));
        workspace.panes().addListener((ListChangeListener<ChatViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(pane -> pane.revisionProperty().removeListener(onRevision));
                change.getAddedSubList().forEach(pane -> pane.revisionProperty().addListener(onRevision));
            }
            changed();
        });
    }

    private void changed() {
        if (!captureQueued) {
            captureQueued = true;
            Platform.runLater(this::saveNow);
        }
    }

    /** Saves the comparison as it is now (before another replaces it, and when the app stops); FX thread. */
    public void saveNow() {
        captureQueued = false;
        ComparisonSnapshot snapshot = workspace.snapshot();
        synchronized (lock) {
            pending = snapshot;
            if (writing) {
                return;
            }
            writing = true;
        }
        executor.execute(this::writePending);
    }

    private void writePending() {
        while (true) {
            ComparisonSnapshot next;
            synchronized (lock) {
                next = pending;
                pending = null;
                if (next == null) {
                    writing = false;
                    lock.notifyAll();
                    return;
                }
            }
            try {
                save.accept(next);
            } catch (RuntimeException e) {
                onFailure.accept("The conversation could not be saved: " + e.getMessage());
            }
        }
    }

    /** Waits until every snapshot taken so far is written (the app's stop); any thread but the writer's. */
    public void awaitWritten() throws InterruptedException {
        synchronized (lock) {
            while (writing) {
                lock.wait();
            }
        }
    }
}
