package dev.juxta.llama;

import java.util.List;

/**
 * An isolated conversation on a loaded model: its own transcript, options, KV cache slot and cancel
 * flag. Sessions never share context; many sessions stream at the same time.
 *
 * <p>Thread contract: {@link #stream} blocks and runs its callbacks on the calling thread; call it
 * from a background thread. {@link #cancel}, {@link #close}, {@link #isStreaming}, {@link #isClosed},
 * {@link #lastStats} and {@link #transcript} are safe from any thread at any time. {@link #reset} and
 * {@link #setOptions} throw {@link IllegalStateException} while a stream runs.
 */
public final class LlamaSession implements AutoCloseable {
    public String name() { throw new UnsupportedOperationException("not yet"); }
    public SessionOptions options() { throw new UnsupportedOperationException("not yet"); }
    public void setOptions(SessionOptions options) { throw new UnsupportedOperationException("not yet"); }
    public void stream(String prompt, GenStream callback) { throw new UnsupportedOperationException("not yet"); }
    public void cancel() { throw new UnsupportedOperationException("not yet"); }
    public void reset() { throw new UnsupportedOperationException("not yet"); }
    @Override public void close() { throw new UnsupportedOperationException("not yet"); }
    public boolean isStreaming() { throw new UnsupportedOperationException("not yet"); }
    public boolean isClosed() { throw new UnsupportedOperationException("not yet"); }
    public StreamStats lastStats() { throw new UnsupportedOperationException("not yet"); }
    public List<ChatTurn> transcript() { throw new UnsupportedOperationException("not yet"); }
    public LlamaEngine engine() { throw new UnsupportedOperationException("not yet"); }
}
