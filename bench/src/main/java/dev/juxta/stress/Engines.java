package dev.juxta.stress;

import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.stress.Operation.Route;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The workload's two engines, one per {@link Route}: the {@link LlamaBridge} facade's and a directly
 * loaded {@link LlamaEngine}. Each starts on the model of the same index as its route; a reload
 * closes it under the workload's running streams, and a kill ends its process.
 */
final class Engines {
    private static final class Holder {
        final Route route;
        final ReentrantLock lock = new ReentrantLock();
        volatile int model;
        volatile LlamaEngine engine;

        Holder(Route route) {
            this.route = route;
            this.model = route.ordinal();
        }
    }

    private final List<Path> models;
    private final ModelOptions modelOptions = ModelOptions.defaults().withMaxSessions(4).withThreads(1);
    private final Verdicts verdicts;
    private final Supplier<List<Probe>> sessionStreams;
    private final Map<Route, Holder> holders = new EnumMap<>(Route.class);
    final LongAdder loads = new LongAdder();
    final LongAdder kills = new LongAdder();

    /** {@code sessionStreams} gives the running session streams, whose stop time an unload notes. */
    Engines(List<Path> models, Verdicts verdicts, Supplier<List<Probe>> sessionStreams) {
        this.models = models;
        this.verdicts = verdicts;
        this.sessionStreams = sessionStreams;
        for (Route route : Route.values()) {
            holders.put(route, new Holder(route));
        }
    }

    void loadAll() {
        holders.values().forEach(this::load);
    }

    void unloadAll() {
        holders.values().forEach(this::unload);
    }

    /**
     * A new session on the route's engine; null when the direct engine is not loaded.
     *
     * @throws IllegalStateException when the engine was closed for a reload
     */
    LlamaSession createSession(Route route, String name, SessionOptions options) {
        if (route == Route.FACADE) {
            return LlamaBridge.createSession(name, options);
        }
        LlamaEngine engine = holders.get(route).engine;
        return engine == null ? null : engine.createSession(name, options);
    }

    /** Closes the route's engine and loads it again, on the next model if {@code otherModel}. */
    void reload(Route route, boolean otherModel) {
        Holder holder = holders.get(route);
        holder.lock.lock();
        try {
            unload(holder);
            if (otherModel) {
                holder.model = (holder.model + 1) % models.size();
            }
            load(holder);
        } finally {
            holder.lock.unlock();
        }
    }

    /** Kills the route's engine process, unless a reload of it is under way. */
    void kill(Route route) {
        Holder holder = holders.get(route);
        if (!holder.lock.tryLock()) {
            return;
        }
        try {
            LlamaEngine engine = holder.engine;
            long pid = engine == null ? -1 : engine.engineProcessId();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                kills.increment();
            }
        } finally {
            holder.lock.unlock();
        }
    }

    private void load(Holder holder) {
        Path model = models.get(holder.model);
        if (holder.route == Route.FACADE) {
            LlamaBridge.initGenerateModel(model.toString(), modelOptions);
            // The facade hides its engine; a session shows it, for the kills and the unload's stop times.
            LlamaSession first = LlamaBridge.createSession("engine-probe");
            holder.engine = first.engine();
            first.close();
        } else {
            holder.engine = LlamaEngine.load(model, modelOptions);
        }
        loads.increment();
    }

    /** Closes the holder's engine, noting the time on its running streams first. */
    private void unload(Holder holder) {
        LlamaEngine engine = holder.engine;
        if (engine == null) {
            return;
        }
        long now = System.nanoTime();
        for (Probe probe : sessionStreams.get()) {
            if (probe.state.session.engine() == engine && probe.state.session.isStreaming()) {
                probe.stopRequested(now);
            }
        }
        long start = System.nanoTime();
        if (holder.route == Route.FACADE) {
            LlamaBridge.shutdown();
        } else {
            engine.close();
        }
        verdicts.closed("the engine of " + engine.model().file().getFileName(), (System.nanoTime() - start) / 1_000_000);
    }
}
