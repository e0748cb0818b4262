package dev.juxta.app.modelpicker;

import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The model picker: the local model files with their metadata and memory needs, loading one (with
 * progress and cancel), and downloading a model from the catalogue or any Hugging Face repository.
 */
public final class ModelPickerViewModel {
    public static final List<Integer> CONTEXT_CHOICES = List.of(ModelOptions.AUTO_CONTEXT, 512, 1024, 2048, 4096, 8192);

    private final ModelLibrary library;
    private final Executor executor;
    private final ModelLoader loader;
    private final IntSupplier paneCount;
    private final ModelDownloader downloader = new ModelDownloader();
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final IntegerProperty context = new SimpleIntegerProperty(this, "context", ModelOptions.AUTO_CONTEXT);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty done = new SimpleBooleanProperty(this, "done");
    private final StringProperty customRepository = new SimpleStringProperty(this, "customRepository", "");
    private final StringProperty customFile = new SimpleStringProperty(this, "customFile", "");
    private Task<?> running;
    /** FX thread only: the latest refresh; an older one's rows are dropped. */
    private int refreshes;

    public ModelPickerViewModel(ModelLibrary library, Executor executor, ModelLoader loader, IntSupplier paneCount) {
        this.library = library;
        this.executor = executor;
        this.loader = loader;
        this.paneCount = paneCount;
        context.addListener((obs, old, now) -> refresh());
        // A bad file's problem is in the table's last column, often scrolled out of view: selecting
        // the file shows it under the table too, until another file is selected.
        selected.addListener((obs, old, row) -> {
            if (row != null && !row.usable()) {
                error.set(row.error());
            } else if (old != null && !old.usable() && error.get().equals(old.error())) {
                error.set("");
            }
        });
    }

    /**
     * Re-reads the model folders and every file's metadata on the executor (folder listing and
     * header parsing are I/O); the rows change on the FX thread when it is done, unless a later
     * refresh has started meanwhile.
     */
    public void refresh() {
        Path keep = selected.get() == null ? null : selected.get().file();
        Sizing sizing = sizing();
        int generation = ++refreshes;
        Task<List<ModelRow>> scan = new Task<>() {
            @Override
            protected List<ModelRow> call() {
                return library.modelFiles().stream().map(file -> rowOf(file, sizing)).toList();
            }
        };
        scan.setOnSucceeded(e -> {
            if (generation == refreshes) {
                rows.setAll(scan.getValue());
                rows.stream().filter(row -> row.file().equals(keep)).findFirst()
                        .or(() -> rows.stream().filter(ModelRow::usable).findFirst())
                        .ifPresent(selected::set);
            }
        });
        executor.execute(scan);
    }

    /** What a row's memory figure depends on, read on the FX thread. */
    private record Sizing(int context, int panes) {
    }

    private Sizing sizing() {
        return new Sizing(context.get(), Math.max(1, paneCount.getAsInt()));
    }

    /** Adds a file chosen with Browse… and selects it; a bad file shows its error. */
    public void addFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        ModelRow row = rowOf(absolute, sizing());
        rows.removeIf(r -> r.file().equals(absolute));
        rows.add(row);
        selected.set(row);
        error.set(row.error());
    }

    private static ModelRow rowOf(Path file, Sizing sizing) {
        try {
            ModelInfo info = ModelInfo.read(file);
            return new ModelRow(file, info.name(), info.architecture(), Sizes.count(info.parameterCount()),
                    info.quantization(), Integer.toString(info.trainedContextLength()), Sizes.bytes(info.fileSize()),
                    info.hasChatTemplate() ? "yes" : "no", memoryText(info, sizing), "");
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ModelRow.broken(file, reason.contains(file.getFileName().toString()) ? reason : file + ": " + reason);
        }
    }

    private static String memoryText(ModelInfo info, Sizing sizing) {
        try {
            int tokens = ModelOptions.defaults().withContextLength(sizing.context()).effectiveContextLength(info);
            int panes = sizing.panes();
            return Sizes.bytes(info.estimateMemoryBytes(tokens, panes)) + " (" + tokens + " tokens × " + panes + " panes)";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Shows why something failed before the dialog opened (the remembered model did not load). */
    public void showError(String message) {
        error.set(message == null ? "" : message);
    }

    /** Loads the selected model; the dialog closes ({@link #doneProperty()}) when it has loaded. */
    public void load() {
        ModelRow row = selected.get();
        if (busy.get() || row == null) {
            return;
        }
        if (!row.usable()) {
            error.set(row.error());
            return;
        }
        track(loader.load(row.file(), ModelOptions.defaults().withContextLength(context.get())), () -> done.set(true));
    }

    public void download(KnownModel model) {
        startDownload(model.url(), model.file(), model.sha256(), model.approximateSize());
    }

    /** Downloads {@code file} from the Hugging Face repository typed into the two fields. */
    public void downloadCustom() {
        try {
            String file = customFile.get().strip();
            startDownload(ModelDownloader.urlOf(customRepository.get().strip(), file), file, "", -1);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    private void startDownload(URI url, String file, String sha256, long size) {
        if (busy.get()) {
            return;
        }
        Path target = library.downloadDir().resolve(Path.of(file).getFileName());
        DownloadTask task = new DownloadTask(downloader, url, target, sha256, size);
        track(task, () -> addFile(task.getValue()));
        executor.execute(task);
    }

    public void cancel() {
        if (running != null) {
            running.cancel(true);
        }
    }

    private void track(Task<?> task, Runnable onSuccess) {
        running = task;
        busy.set(true);
        error.set("");
        message.bind(task.messageProperty());
        progress.bind(task.progressProperty());
        task.stateProperty().addListener((obs, old, state) -> onState(task, onSuccess));
        onState(task, onSuccess);
    }

    private void onState(Task<?> task, Runnable onSuccess) {
        if (running != task) {
            return;
        }
        switch (task.getState()) {
            case SUCCEEDED -> end(onSuccess);
            case FAILED -> end(() -> {
                message.set("");
                error.set(describe(task.getException()));
            });
            case CANCELLED -> end(() -> message.set("Cancelled."));
            default -> { }
        }
    }

    private void end(Runnable then) {
        message.unbind();
        progress.unbind();
        progress.set(0);
        running = null;
        busy.set(false);
        then.run();
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    public List<KnownModel> catalogue() {
        return KnownModel.catalogue();
    }

    public ObservableList<ModelRow> rows() {
        return rows;
    }

    public ObjectProperty<ModelRow> selectedProperty() {
        return selected;
    }

    public IntegerProperty contextProperty() {
        return context;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanProperty doneProperty() {
        return done;
    }

    public StringProperty customRepositoryProperty() {
        return customRepository;
    }

    public StringProperty customFileProperty() {
        return customFile;
    }
}
