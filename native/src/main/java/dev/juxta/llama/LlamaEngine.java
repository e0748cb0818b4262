package dev.juxta.llama;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded model, running in its own engine process. Two engines run two models at once.
 */
public final class LlamaEngine implements AutoCloseable {
    public static LlamaEngine load(Path modelFile, ModelOptions options) { throw new UnsupportedOperationException("not yet"); }
    public ModelInfo model() { throw new UnsupportedOperationException("not yet"); }
    public ModelOptions options() { throw new UnsupportedOperationException("not yet"); }
    public int contextLength() { throw new UnsupportedOperationException("not yet"); }
    public LlamaSession createSession(String name, SessionOptions options) { throw new UnsupportedOperationException("not yet"); }
    public List<LlamaSession> sessions() { throw new UnsupportedOperationException("not yet"); }
    @Override public void close() { throw new UnsupportedOperationException("not yet"); }
    public boolean isClosed() { throw new UnsupportedOperationException("not yet"); }
    public long engineProcessId() { throw new UnsupportedOperationException("not yet"); }
}
