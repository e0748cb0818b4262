package dev.juxta.llama;

import dev.juxta.llama.engine.EngineProcess;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps a {@link LlamaEngine}'s process running: hands out the current process and, when it has
 * died, restarts it on a thread of its own, so that streams waiting for it can still be cancelled
 * and the engine closed while a restart takes its time.
 */
final class EngineSupervisor {
    private final String modelName;
    private final Supplier<EngineProcess> starter;
    private CompletableFuture<EngineProcess> current;
    private Thread restarting;
    private boolean closed;

    EngineSupervisor(String modelName, EngineProcess first, Supplier<EngineProcess> starter) {
        this.modelName = modelName;
        this.starter = starter;
        this.current = CompletableFuture.completedFuture(first);
    }

    /**
     * The running process; or, when it died or its restart failed, a restart started now; or the
     * restart already in progress. Completes exceptionally with {@link LlamaException} when the
     * restart fails or the engine is closed.
     */
    synchronized CompletableFuture<EngineProcess> process(Runnable onRestart) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        if (!current.isDone() || isAlive(current)) {
            return current;
        }
        onRestart.run();
        EngineProcess dead = current.getNow(null);
        if (dead != null) {
            dead.close();
        }
        CompletableFuture<EngineProcess> next = new CompletableFuture<>();
        current = next;
        restarting = Thread.ofPlatform().daemon().name("juxta-engine-restart").start(() -> restart(next));
        return next;
    }

    private void restart(CompletableFuture<EngineProcess> next) {
        EngineProcess process;
        try {
            process = starter.get();
        } catch (LlamaException e) {
            next.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            restarting = null;
            if (closed) {
                process.close();
                next.completeExceptionally(closedError());
                return;
            }
        }
        next.complete(process);
    }

    /** The running process's id, or -1 while none runs. */
    synchronized long pid() {
        EngineProcess process = running();
        return process == null ? -1 : process.pid();
    }

    /** The running process, or null while none runs; never starts one. */
    synchronized EngineProcess running() {
        return isAlive(current) ? current.join() : null;
    }

    /** Stops the process, or abandons a restart in progress and waits until its process is gone. Idempotent. */
    void close() {
        CompletableFuture<EngineProcess> last;
        Thread restart;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = current;
            restart = restarting;
        }
        if (restart != null) {
            restart.interrupt();
            try {
                restart.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EngineProcess process = last.isCompletedExceptionally() ? null : last.getNow(null);
        if (process != null) {
            process.close();
        }
    }

    private LlamaException closedError() {
        return new LlamaException("The engine for " + modelName + " is closed");
    }

    private static boolean isAlive(CompletableFuture<EngineProcess> future) {
        return future.isDone() && !future.isCompletedExceptionally() && future.join().isAlive();
    }
}
