package dev.juxta.app.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamStats;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link LlamaSession} of an {@link EnginePool} engine; closing it releases the engine once. */
final class PooledSession implements ChatSession {
    private final LlamaSession session;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    PooledSession(LlamaSession session, Runnable release) {
        this.session = session;
        this.release = release;
    }

    @Override
    public String name() {
        return session.name();
    }

    @Override
    public ModelInfo model() {
        return session.engine().model();
    }

    @Override
    public ModelOptions modelOptions() {
        return session.engine().options();
    }

    @Override
    public int contextLength() {
        return session.engine().contextLength();
    }

    @Override
    public void setOptions(SessionOptions options) {
        session.setOptions(options);
    }

    @Override
    public void continueAnswer(String prompt, String answerPrefix, GenStream callback) {
        session.continueAnswer(prompt, answerPrefix, callback);
    }

    @Override
    public void replaceTranscript(List<ChatTurn> history) {
        session.replaceTranscript(history);
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
