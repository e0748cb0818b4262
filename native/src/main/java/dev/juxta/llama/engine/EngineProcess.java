package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.engine.Message.LoadFailed;
import dev.juxta.llama.engine.Message.LoadProgress;
import dev.juxta.llama.engine.Message.Ready;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * The bridge's handle on one engine child process: starts it, sends it messages, and routes the
 * messages it sends back to the listener of each request.
 *
 * <p>Thread-safe. Listeners run on the process's reader thread and must not block.
 */
public final class EngineProcess implements AutoCloseable {

    /** Receives the engine's messages for one request. */
    public interface Listener {
        void onMessage(Message message);

        /** The engine process ended while the request was in flight. */
        void onEngineDied(String reason);
    }

    private static final int STDERR_LINES = 40;

    private final Process process;
    private final String modelName;
    private final DoubleConsumer progress;
    private final FrameWriter writer;
    private final Map<Integer, Listener> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile String deathReason;

    private EngineProcess(Process process, String modelName, DoubleConsumer progress) {
        this.process = process;
        this.modelName = modelName;
        this.progress = progress;
        this.writer = new FrameWriter(new BufferedOutputStream(process.getOutputStream()));
    }

    /**
     * Starts an engine and blocks until its model is loaded.
     *
     * @throws LlamaException when the model cannot be loaded, the process cannot start, or the
     *                        calling thread is interrupted (the load is then abandoned)
     */
    public static EngineProcess start(Path model, ModelOptions options, int contextPerSlot, boolean chatTemplate,
                                      DoubleConsumer progress) {
        // Absolute: the engine runs in Juxta's temporary folder, where a relative path means nothing.
        EngineArgs args = new EngineArgs(model.toAbsolutePath().toString(), options.maxSessions(), contextPerSlot,
                options.threads(), chatTemplate, options.reproducible(), LlamaNative.libraryDir());
        Process process;
        try {
            // Started in Juxta's temp folder: a crashing engine's hs_err log lands there, not in the user's folder.
            ProcessBuilder builder = new ProcessBuilder(EngineLauncher.command(args)).directory(EngineDirs.createdBase().toFile());
            // Inherited from an installed app's launcher, it would make the child launcher hand
            // --juxta-engine to the JVM as an option instead of to the app.
            builder.environment().remove("_JPACKAGE_LAUNCHER");
            process = builder.start();
        } catch (IOException e) {
            throw new LlamaException("Could not start the model engine process: " + e.getMessage(), e);
        }
        EngineProcess engine = new EngineProcess(process, model.getFileName().toString(), progress);
        engine.startThreads();
        try {
            engine.ready.get();
            return engine;
        } catch (InterruptedException e) {
            engine.kill();
            Thread.currentThread().interrupt();
            throw new LlamaException("Loading " + model.getFileName() + " was cancelled");
        } catch (ExecutionException e) {
            engine.kill();
            throw (LlamaException) e.getCause();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return deathReason == null && process.isAlive();
    }

    public void register(int requestId, Listener listener) {
        listeners.put(requestId, listener);
        if (deathReason != null && listeners.remove(requestId) != null) {
            listener.onEngineDied(deathReason);
        }
    }

    public void unregister(int requestId) {
        listeners.remove(requestId);
    }

    /** Sends a message; throws LlamaException naming the cause when the engine is gone. */
    public void send(Message message) {
        try {
            writer.write(MessageCodec.encode(message));
        } catch (IOException e) {
            throw new LlamaException(deathReason != null ? deathReason : "The engine process for " + modelName
                    + " is not reachable: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the process at once. A kill, not a request: the OS frees everything, and no native
     * exit-time clean-up can race the binding's compute thread (which crashed engines that
     * exited by themselves). Idempotent.
     */
    @Override
    public void close() {
        kill();
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startThreads() {
        daemon("juxta-engine-stdout-" + process.pid(), this::readMessages).start();
        daemon("juxta-engine-stderr-" + process.pid(), this::readStderr).start();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void readMessages() {
        FrameReader reader = new FrameReader(process.getInputStream(), bytes -> { });
        try {
            byte[] payload;
            while ((payload = reader.read()) != null) {
                dispatch(MessageCodec.decode(payload));
            }
        } catch (IOException e) {
            appendStderr("bridge: reading the engine failed: " + e);
        }
        died();
    }

    private void dispatch(Message message) {
        switch (message) {
            case Ready r -> ready.complete(r);
            case LoadProgress p -> progress.accept(p.fraction());
            case LoadFailed f -> ready.completeExceptionally(new LlamaException(
                    "Could not load " + modelName + ": " + f.message()));
            default -> {
                Listener listener = listeners.get(requestIdOf(message));
                if (listener != null) {
                    listener.onMessage(message);
                }
            }
        }
    }

    private static int requestIdOf(Message message) {
        return switch (message) {
            case Message.Started m -> m.id();
            case Message.Delta m -> m.id();
            case Message.Done m -> m.id();
            case Message.Failed m -> m.id();
            default -> -1;
        };
    }

    private void died() {
        int exit = waitForExit();
        String reason = "The engine process for " + modelName + " ended unexpectedly (" + describeExit(exit) + ")"
                + lastStderrLine() + ". The conversation is kept; send again to restart it.";
        deathReason = reason;
        ready.completeExceptionally(new LlamaException("Could not load " + modelName + ": the engine "
                + describeExit(exit) + lastStderrLine()));
        for (Integer id : List.copyOf(listeners.keySet())) {
            Listener listener = listeners.remove(id);
            if (listener != null) {
                listener.onEngineDied(reason);
            }
        }
    }

    /** The exit code, or -1 when the process closed its output but goes on (e.g. writing a crash log). */
    private int waitForExit() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).thenRun(process::destroyForcibly);
        return -1;
    }

    static String describeExit(int exit) {
        if (exit > 128 && exit < 128 + 65) {
            int signal = exit - 128;
            String name = switch (signal) {
                case 6 -> " SIGABRT";
                case 9 -> " SIGKILL";
                case 11 -> " SIGSEGV";
                case 15 -> " SIGTERM";
                default -> "";
            };
            return "killed by signal " + signal + name;
        }
        return exit < 0 ? "stopped answering" : "exit code " + exit;
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean echo = Boolean.getBoolean("juxta.engine.log");
            while ((line = in.readLine()) != null) {
                appendStderr(line);
                if (echo) {
                    System.err.println("[engine " + process.pid() + "] " + line);
                }
            }
        } catch (IOException e) {
            // The process is gone; its death is reported by the stdout reader.
        }
    }

    private void appendStderr(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            if (stderrTail.size() > STDERR_LINES) {
                stderrTail.removeFirst();
            }
        }
    }

    private String lastStderrLine() {
        synchronized (stderrTail) {
            for (var it = stderrTail.descendingIterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.contains("error") || line.contains("failed") || line.contains("Exception") || line.contains("GGML_ASSERT")) {
                    return ": " + line.strip();
                }
            }
        }
        return "";
    }
}
