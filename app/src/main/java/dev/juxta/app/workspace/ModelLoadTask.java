package dev.juxta.app.workspace;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.app.engine.SessionSource;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;

/**
 * Loads a model for some panes: opens one session per pane (the first one loads the engine). On
 * success each pane gets its session; on failure or cancel the sessions opened so far are closed and
 * the panes keep what they had. Cancel interrupts the load.
 */
final class ModelLoadTask extends Task<List<ChatSession>> {
    private final SessionSource source;
    private final Path model;
    private final ModelOptions modelOptions;
    private final List<ChatViewModel> panes;
    private final List<ChatSession> opened = new ArrayList<>();

    ModelLoadTask(SessionSource source, Path model, ModelOptions modelOptions, List<ChatViewModel> panes) {
        this.source = source;
        this.model = model;
        this.modelOptions = modelOptions;
        this.panes = List.copyOf(panes);
        panes.forEach(pane -> pane.markLoading(true));
        updateMessage("Loading " + model.getFileName() + "…");
    }

    Path model() {
        return model;
    }

    /** Progress is llama.cpp's loading of the model; opening the other panes' sessions takes no time. */
    @Override
    protected List<ChatSession> call() {
        for (ChatViewModel pane : panes) {
            if (isCancelled()) {
                break;
            }
            ChatSession session = source.open(model, modelOptions, pane.name(), pane.settings().options(),
                    fraction -> updateProgress(fraction, 1));
            synchronized (opened) {
                opened.add(session);
            }
        }
        updateProgress(1, 1);
        return List.copyOf(opened);
    }

    @Override
    protected void succeeded() {
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i).attach(getValue().get(i));
            panes.get(i).markLoading(false);
        }
        updateMessage("Loaded " + model.getFileName());
    }

    @Override
    protected void failed() {
        abandon();
        updateMessage(getException().getMessage());
    }

    @Override
    protected void cancelled() {
        abandon();
        updateMessage("Loading " + model.getFileName() + " was cancelled");
    }

    private void abandon() {
        synchronized (opened) {
            opened.forEach(ChatSession::close);
            opened.clear();
        }
        panes.forEach(pane -> pane.markLoading(false));
    }
}
