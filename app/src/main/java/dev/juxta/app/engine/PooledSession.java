package dev.juxta.app.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamStats;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link LlamaSession} of an {@link EnginePool} engine; closing it releases the engine once. */
final class PooledSession implements ChatSession {
    private final LlamaSession session;
    private final String modelName;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    PooledSession(LlamaSession session, String modelName, Runnable release) {
        this.session = session;
        this.modelName = modelName;
        this.release = release;
    }

    @Override
    public String name() {
        return session.name();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public void setOptions(SessionOptions options) {
        session.setOptions(options);
    }

    @Override
    public void stream(String prompt, GenStream callback) {
        session.stream(prompt, callback);
    }

    @Override
    public void cancel() {
        session.cancel();
    }

    @Override
    public void reset() {
        session.reset();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            session.close();
            release.run();
        }
    }

    @Override
    public StreamStats lastStats() {
        return session.lastStats();
    }

    @Override
    public List<ChatTurn> transcript() {
        return session.transcript();
    }
}
