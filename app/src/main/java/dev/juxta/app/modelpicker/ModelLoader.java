package dev.juxta.app.modelpicker;

import dev.juxta.llama.ModelOptions;
import java.nio.file.Path;
import javafx.concurrent.Task;

/** Starts loading a model into the panes the picker was opened for; the task reports progress and can be cancelled. */
@FunctionalInterface
public interface ModelLoader {
    Task<?> load(Path model, ModelOptions options);
}
