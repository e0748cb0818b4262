package dev.juxta.llama;

import dev.juxta.llama.engine.EngineProcess;
import dev.juxta.llama.engine.Message.Forget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * One loaded model. The model runs in its own engine child process, so a native crash ends only
 * that process, and closing the engine gives all of its memory back to the OS. Two engines run two
 * models at once. If the process dies, streams in flight end with {@link GenStream#onError}, the
 * sessions keep their transcripts, and the next stream starts a new process.
 *
 * <p>Thread contract: every method is safe from any thread. {@link #load} blocks until the model is
 * loaded; interrupting the loading thread abandons the load. {@link #close} is idempotent: it ends
 * every stream (their callers get {@link GenStream#onCancelled}), closes every session and stops
 * the process.
 */
public final class LlamaEngine implements AutoCloseable {
    private final ModelInfo model;
    private final ModelOptions options;
    private final int contextLength;
    private final SlotPool slots;
    private final AtomicInteger requestIds = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final List<LlamaSession> sessions = new CopyOnWriteArrayList<>();
    private final EngineSupervisor supervisor;
    private boolean closed;

    private LlamaEngine(ModelInfo model, ModelOptions options, int contextLength, EngineProcess process) {
        this.model = model;
        this.options = options;
        this.contextLength = contextLength;
        this.slots = new SlotPool(options.maxSessions());
        this.supervisor = new EngineSupervisor(model.file().getFileName().toString(), process, () -> startProcess(model, options, contextLength, fraction -> { }));
    }

    /**
     * Validates the file and options in Java, then starts an engine process with the model.
     *
     * @throws LlamaException naming the file or option and the reason, also when the estimated
     *                        memory ({@link ModelInfo#estimateMemoryBytes}) exceeds what is available
     */
    public static LlamaEngine load(Path modelFile, ModelOptions options) {
        return load(modelFile, options, fraction -> { });
    }

    /**
     * As {@link #load(Path, ModelOptions)}, reporting llama.cpp's loading progress, a fraction in
     * [0, 1], on the loading engine's reader thread (so the listener must return quickly).
     */
    public static LlamaEngine load(Path modelFile, ModelOptions options, DoubleConsumer progress) {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        ModelInfo model = ModelInfo.read(modelFile);
        int contextLength = options.effectiveContextLength(model);
        MemoryCheck.requireFits(model, contextLength, options.maxSessions());
        return new LlamaEngine(model, options, contextLength, startProcess(model, options, contextLength, progress));
    }

    private static EngineProcess startProcess(ModelInfo model, ModelOptions options, int contextLength,
                                              DoubleConsumer progress) {
        return EngineProcess.start(model.file(), options, contextLength, model.hasChatTemplate(), progress);
    }

    public ModelInfo model() {
        return model;
    }

    public ModelOptions options() {
        return options;
    }

    /** Tokens of context each session has. */
    public int contextLength() {
        return contextLength;
    }

    /**
     * A new session with an empty transcript.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public LlamaSession createSession(String name, SessionOptions sessionOptions) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sessionOptions, "sessionOptions");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The engine for " + model.file().getFileName() + " is closed");
            }
            LlamaSession session = new LlamaSession(this, sessionIds.incrementAndGet(), name, sessionOptions);
            sessions.add(session);
            return session;
        }
    }

    /** The open sessions. */
    public List<LlamaSession> sessions() {
        return List.copyOf(sessions);
    }

    /** The engine process's id, or -1 while none runs (closed, or restarting). For diagnostics and tests. */
    public long engineProcessId() {
        return supervisor.pid();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (LlamaSession session : sessions) {
            session.close();
        }
        supervisor.close();
    }

    // For sessions.

    /**
     * The running process, or its restart when it died (the slots' caches died with it).
     * Completes exceptionally with LlamaException when the restart fails or the engine is closed.
     */
    CompletableFuture<EngineProcess> process() {
        return supervisor.process(slots::forgetCaches);
    }

    SlotPool slots() {
        return slots;
    }

    int nextRequestId() {
        return requestIds.incrementAndGet();
    }

    void removed(LlamaSession session) {
        sessions.remove(session);
        slots.forget(session);
        EngineProcess process = supervisor.running();
        if (process != null) {
            try {
                process.send(new Forget(session.id()));
            } catch (LlamaException e) {
                // The engine is gone, and what it kept of the session with it.
            }
        }
    }
}
