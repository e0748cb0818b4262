package dev.juxta.app.engine;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleConsumer;

/**
 * One {@link LlamaEngine} per model file, shared by the panes on that model and closed when its last
 * session closes. Loads hold an interruptible lock, so a cancelled load never blocks the other panes
 * for longer than their own load.
 */
public final class EnginePool implements SessionSource {
    /** Panes may outnumber this; extra sessions wait for a free slot. */
    public static final int MIN_SLOTS = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Path, Entry> engines = new HashMap<>();

    private static final class Entry {
        final LlamaEngine engine;
        int users;

        Entry(LlamaEngine engine) {
            this.engine = engine;
        }
    }

    @Override
    public ChatSession open(Path modelFile, ModelOptions modelOptions, String name, SessionOptions options,
                            DoubleConsumer loadProgress) {
        Path key = modelFile.toAbsolutePath().normalize();
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.juxta.llama.LlamaException("loading " + key.getFileName() + " was cancelled");
        }
        try {
            Entry entry = engines.get(key);
            if (entry == null || entry.engine.isClosed()) {
                ModelOptions slots = modelOptions.withMaxSessions(Math.max(MIN_SLOTS, modelOptions.maxSessions()));
                entry = new Entry(LlamaEngine.load(key, slots, loadProgress));
                engines.put(key, entry);
            }
            LlamaSession session = entry.engine.createSession(name, options);
            entry.users++;
            return new PooledSession(session, () -> release(key));
        } finally {
            lock.unlock();
        }
    }

    private void release(Path key) {
        lock.lock();
        try {
            Entry entry = engines.get(key);
            if (entry != null && --entry.users <= 0) {
                engines.remove(key);
                entry.engine.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Model files loaded right now (for tests and the status line). */
    public List<Path> loadedModels() {
        lock.lock();
        try {
            return List.copyOf(engines.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            engines.values().forEach(entry -> entry.engine.close());
            engines.clear();
        } finally {
            lock.unlock();
        }
    }
}
