package dev.juxta.app.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamStats;
import java.util.List;

/**
 * What a chat pane needs from a session: the subset of {@link dev.juxta.llama.LlamaSession} it uses,
 * as an interface so ViewModel tests can stream from a fake. Same thread contract as LlamaSession:
 * {@link #stream} blocks and calls back on its own thread; {@link #cancel} and {@link #close} are
 * safe from any thread.
 */
public interface ChatSession extends AutoCloseable {
    String name();

    /** The name of the model this session runs, for the pane's header. */
    String modelName();

    void setOptions(SessionOptions options);

    void stream(String prompt, GenStream callback);

    void cancel();

    void reset();

    /** Ends the session (and its stream); the model is unloaded when no other session uses it. */
    @Override
    void close();

    StreamStats lastStats();

    List<ChatTurn> transcript();
}
