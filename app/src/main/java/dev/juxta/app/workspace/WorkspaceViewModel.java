package dev.juxta.app.workspace;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.FramePulse;
import dev.juxta.app.engine.SessionSource;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** The window's panes: adding and closing them, Send to all, Stop all, and loading models into them. */
public final class WorkspaceViewModel {
    public static final int INITIAL_PANES = 2;

    private final SessionSource sessions;
    private final Executor executor;
    private final FramePulse pulse;
    private final AppSettings settings;
    private final ObservableList<ChatViewModel> panes = FXCollections.observableArrayList();
    private final ObjectProperty<ChatViewModel> activePane = new SimpleObjectProperty<>(this, "activePane");
    private final StringProperty broadcastPrompt = new SimpleStringProperty(this, "broadcastPrompt", "");
    private Path currentModel;
    private ModelOptions currentModelOptions = ModelOptions.defaults();
    private int created;

    public WorkspaceViewModel(SessionSource sessions, Executor executor, FramePulse pulse, AppSettings settings) {
        this.sessions = sessions;
        this.executor = executor;
        this.pulse = pulse;
        this.settings = settings;
        for (int i = 0; i < INITIAL_PANES; i++) {
            newPane();
        }
    }

    /** Adds "Chat N"; it runs the model last loaded, if any. */
    public ChatViewModel newPane() {
        ChatViewModel pane = new ChatViewModel("Chat " + ++created, executor, pulse);
        panes.add(pane);
        activePane.set(pane);
        if (currentModel != null) {
            loadModel(currentModel, currentModelOptions, List.of(pane));
        }
        return pane;
    }

    public void closePane(ChatViewModel pane) {
        pane.close();
        panes.remove(pane);
        if (activePane.get() == pane) {
            activePane.set(panes.isEmpty() ? null : panes.getLast());
        }
    }

    public void closeActivePane() {
        Optional.ofNullable(activePane.get()).ifPresent(this::closePane);
    }

    public void stopActivePane() {
        Optional.ofNullable(activePane.get()).ifPresent(ChatViewModel::stop);
    }

    /** Sends one prompt to every pane that can take it; each uses its own settings. Returns how many took it. */
    public int sendToAll(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return 0;
        }
        int sent = 0;
        for (ChatViewModel pane : panes) {
            if (pane.send(prompt)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends the workspace prompt field's text to all panes and clears it. */
    public void sendBroadcast() {
        if (sendToAll(broadcastPrompt.get()) > 0) {
            broadcastPrompt.set("");
        }
    }

    public void stopAll() {
        panes.forEach(ChatViewModel::stop);
    }

    /** Loads a model into every pane (Ctrl+L), remembering it for new panes and the next start. */
    public Task<?> loadModelForAll(Path model, ModelOptions modelOptions) {
        return loadModel(model, modelOptions, List.copyOf(panes));
    }

    /** Loads a model into the given panes on the executor; watch or cancel it through the returned task. */
    public Task<?> loadModel(Path model, ModelOptions modelOptions, List<ChatViewModel> targets) {
        ModelLoadTask task = new ModelLoadTask(sessions, model, modelOptions.withMaxSessions(slotsFor(panes.size())), targets);
        task.stateProperty().addListener((obs, old, now) -> {
            if (now == javafx.concurrent.Worker.State.SUCCEEDED) {
                currentModel = model;
                currentModelOptions = modelOptions;
                settings.rememberModel(model);
            }
        });
        executor.execute(task);
        return task;
    }

    static int slotsFor(int panes) {
        return Math.min(ModelOptions.MAX_SESSIONS, Math.max(4, panes));
    }

    public Optional<Path> lastModel() {
        return settings.lastModel();
    }

    public ObservableList<ChatViewModel> panes() {
        return panes;
    }

    public ObjectProperty<ChatViewModel> activePaneProperty() {
        return activePane;
    }

    public StringProperty broadcastPromptProperty() {
        return broadcastPrompt;
    }

    /** Closes every pane's session and unloads every model. */
    public void shutdown() {
        panes.forEach(ChatViewModel::close);
        sessions.close();
    }
}
