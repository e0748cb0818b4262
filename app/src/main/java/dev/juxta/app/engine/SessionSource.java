package dev.juxta.app.engine;

import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Opens sessions on model files, loading each model once and sharing it between panes. */
public interface SessionSource extends AutoCloseable {
    /**
     * Opens a session on the model, loading it first if no pane uses it yet. Blocks while loading;
     * interrupting the calling thread cancels the load.
     *
     * @param loadProgress told the fraction of the model loaded, from another thread, while it loads
     * @throws dev.juxta.llama.LlamaException naming the file and the reason when it cannot be loaded
     */
    ChatSession open(Path modelFile, ModelOptions modelOptions, String name, SessionOptions options,
                     DoubleConsumer loadProgress);

    /** Closes every session and unloads every model. */
    @Override
    void close();
}
