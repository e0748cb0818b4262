package dev.juxta.stress;

import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.SessionOptions;
import dev.juxta.stress.Operation.Kind;
import dev.juxta.stress.Operation.Route;
import dev.juxta.stress.Operation.Stop;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stress workload, run inside the worker JVM (the "app" process): runs the drawn
 * {@link Operation}s over sessions on the two {@link Engines} from several threads.
 * {@link Verdicts} judges what each stream did; a {@link Watchdog} looks for streams that outlive
 * their cancel or close.
 */
final class StressWorker {
    record Config(int ops, long seed, int sessions, int threads, int maxTokens, List<Path> models,
                  boolean kills, boolean verbose, boolean histogram) {
    }

    private static final class Slot {
        final int index;
        final AtomicReference<SessionState> state = new AtomicReference<>();
        final AtomicReference<Probe> current = new AtomicReference<>();

        Slot(int index) {
            this.index = index;
        }
    }

    private final Config config;
    private final PrintStream out;
    private final Verdicts verdicts;
    private final Slot[] slots;
    private final Engines engines;
    private final List<Probe> liveGenerates = new CopyOnWriteArrayList<>();
    private final List<SessionState> allStates = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("stress-timer"));
    private final ExecutorService fanOut;
    private final AtomicInteger opsDone = new AtomicInteger();
    private final Map<Kind, LongAdder> opCounts = new ConcurrentHashMap<>();

    StressWorker(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.verdicts = new Verdicts(out);
        this.slots = new Slot[config.sessions()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i);
        }
        this.engines = new Engines(config.models(), verdicts, this::sessionStreams);
        this.fanOut = Executors.newFixedThreadPool(Math.min(4, config.sessions()), daemon("stress-send"));
    }

    /** Runs the workload and prints its figures; returns the result line's values. */
    Map<WorkerResult, Long> run() throws InterruptedException {
        long rssStart = Procs.selfRssKb();
        long t0 = System.nanoTime();
        List<Operation> ops = Operation.draw(config);
        engines.loadAll();
        for (Slot slot : slots) {
            create(slot, Route.values()[slot.index % 2]);
        }
        long rssLoaded = Procs.selfRssKb();
        long heapLoaded = Heap.liveKb();
        if (config.histogram()) {
            out.println("stress: live heap after loading, top classes:\n" + Heap.topClasses(12));
        }
        out.printf("stress: %d ops, seed %d, %d sessions, %d threads, maxTokens 1-%d, models %s%n", config.ops(),
                config.seed(), config.sessions(), config.threads(), config.maxTokens(),
                config.models().stream().map(p -> p.getFileName().toString()).toList());

        Thread watchdog = new Thread(new Watchdog(this::runningProbes, verdicts, out), "stress-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread[] workers = new Thread[config.threads()];
        for (int t = 0; t < workers.length; t++) {
            int first = t;
            workers[t] = new Thread(() -> {
                for (int i = first; i < ops.size(); i += workers.length) {
                    perform(ops.get(i));
                }
            }, "stress-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long opsSeconds = (System.nanoTime() - t0) / 1_000_000_000;

        // Final shutdown: every session, then both engines.
        for (Slot slot : slots) {
            SessionState state = slot.state.getAndSet(null);
            if (state != null) {
                retire(slot, state);
            }
        }
        engines.unloadAll();
        List<Long> left = Procs.engineDescendants();
        if (!left.isEmpty()) {
            out.println("stress: engine processes still running right after shutdown: " + left);
            Procs.await(3_000, () -> Procs.engineDescendants().isEmpty());
        }
        for (SessionState state : allStates) {
            synchronized (state) {
                verdicts.checkShadow(state, "final");
            }
        }
        timer.shutdownNow();
        fanOut.shutdownNow();
        long heapEnd = Heap.liveKb();
        long rssEnd = Procs.selfRssKb();
        if (config.histogram()) {
            out.println("stress: live heap at the end, top classes:\n" + Heap.topClasses(12));
        }
        long transcriptMismatches = allStates.stream().filter(s -> s.mismatch).count();

        out.println("stress: operations " + new TreeMap<>(opCounts));
        verdicts.printStreams();
        out.printf("stress: engine loads %d, engine kills %d, sessions %d, slowest end after cancel/close %d ms, "
                + "slowest close %d ms, %d s%n", engines.loads.sum(), engines.kills.sum(), allStates.size(),
                verdicts.maxStopMillis.get(), verdicts.maxCloseMillis.get(), opsSeconds);
        verdicts.printErrors();
        Map<WorkerResult, Long> result = new EnumMap<>(WorkerResult.class);
        result.put(WorkerResult.LATE, verdicts.late.sum() + verdicts.lateCloses.sum());
        result.put(WorkerResult.TERMINALS, verdicts.badTerminals.sum() + verdicts.contractBreaks.sum());
        result.put(WorkerResult.TRANSCRIPTS, transcriptMismatches);
        result.put(WorkerResult.ENGINES, (long) Procs.engineDescendants().size());
        result.put(WorkerResult.UNEXPECTED, verdicts.unexpected.sum());
        result.put(WorkerResult.ENGINE_CRASHES, verdicts.engineCrashes.sum());
        result.put(WorkerResult.RSS_START_KB, rssStart);
        result.put(WorkerResult.RSS_LOADED_KB, rssLoaded);
        result.put(WorkerResult.RSS_END_KB, rssEnd);
        result.put(WorkerResult.RSS_PEAK_KB, Procs.selfPeakRssKb());
        result.put(WorkerResult.HEAP_LOADED_KB, heapLoaded);
        result.put(WorkerResult.HEAP_END_KB, heapEnd);
        result.put(WorkerResult.SECONDS, opsSeconds);
        return result;
    }

    private List<Probe> runningProbes() {
        List<Probe> running = new ArrayList<>(liveGenerates);
        running.addAll(sessionStreams());
        return running;
    }

    private List<Probe> sessionStreams() {
        List<Probe> running = new ArrayList<>();
        for (Slot slot : slots) {
            Probe probe = slot.current.get();
            if (probe != null) {
                running.add(probe);
            }
        }
        return running;
    }

    private void perform(Operation op) {
        opCounts.computeIfAbsent(op.kind(), k -> new LongAdder()).increment();
        try {
            switch (op.kind()) {
                case STREAM -> stream(slots[op.slot()], op);
                case SEND_MANY -> sendMany(op);
                case CANCEL -> cancel(slots[op.slot()]);
                case CLOSE -> {
                    SessionState state = slots[op.slot()].state.get();
                    if (state != null) {
                        close(slots[op.slot()], state);
                    }
                }
                case RESET -> reset(slots[op.slot()]);
                case CREATE -> create(slots[op.slot()], op.route());
                case OPTIONS -> {
                    SessionState state = slots[op.slot()].state.get();
                    if (state != null) {
                        state.session.setOptions(state.session.options().withSystemPrompt(op.systemPrompt()));
                    }
                }
                case GENERATE -> generate(op);
                case RELOAD -> engines.reload(op.route(), false);
                case SWITCH -> engines.reload(op.route(), true);
                case KILL -> engines.kill(op.route());
            }
        } catch (RuntimeException e) {
            verdicts.unexpected("op " + op.index() + " " + op.kind() + " threw " + e);
            if (config.verbose()) {
                e.printStackTrace(out);
            }
        }
        int done = opsDone.incrementAndGet();
        if (done % 1000 == 0) {
            out.printf("stress: %d/%d ops, RSS %d MB%n", done, config.ops(), Procs.selfRssKb() / 1024);
        }
    }

    private void stream(Slot slot, Operation op) {
        SessionState state = slot.state.get();
        if (state == null) {
            verdicts.rejected.increment();
            return;
        }
        Probe probe = new Probe(op.prompt(), state, verdicts::checkTranscript);
        if (!slot.current.compareAndSet(null, probe)) {
            verdicts.busy.increment();
            return;
        }
        try {
            state.session.setOptions(state.session.options().withMaxTokens(op.maxTokens())
                    .withTemperature(op.greedy() ? 0 : 0.8).withSeed(op.sampleSeed()));
            if (op.stop() != Stop.NONE) {
                timer.schedule(() -> stopEarly(slot, probe, op.stop()), op.stopDelayMillis(), TimeUnit.MILLISECONDS);
            }
            RuntimeException thrown = null;
            try {
                state.session.stream(op.prompt(), probe);
            } catch (IllegalStateException | LlamaException e) {
                thrown = e;
            }
            verdicts.judge(probe, thrown);
        } finally {
            slot.current.set(null);
        }
        if (state.session.isClosed() && slot.state.get() == state) {
            // The pane's session was closed (by a close, or its engine's reload): the user opens a new one.
            create(slot, state.route);
        }
    }

    private void stopEarly(Slot slot, Probe probe, Stop stop) {
        if (slot.current.get() != probe) {
            return;
        }
        switch (stop) {
            case CANCEL -> cancel(slot);
            case CLOSE -> close(slot, probe.state);
            case NONE -> { }
        }
    }

    private void sendMany(Operation op) {
        List<Future<?>> futures = new ArrayList<>();
        for (int target : op.slots()) {
            futures.add(fanOut.submit(() -> stream(slots[target], op)));
        }
        for (Future<?> future : futures) {
            try {
                future.get(Watchdog.HANG_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                verdicts.unexpected("send to several sessions: " + e);
            }
        }
    }

    /** Cancels the slot's stream, noting the time first if it is running. */
    private void cancel(Slot slot) {
        Probe probe = slot.current.get();
        if (probe != null && probe.state.session.isStreaming()) {
            probe.stopRequested(System.nanoTime());
            probe.state.session.cancel();
        } else if (probe != null) {
            probe.state.session.cancel();
        }
    }

    private void close(Slot slot, SessionState state) {
        Probe probe = slot.current.get();
        if (probe != null && probe.state == state && state.session.isStreaming()) {
            probe.stopRequested(System.nanoTime());
        }
        long start = System.nanoTime();
        state.session.close();
        verdicts.closed("session " + state.session.name(), (System.nanoTime() - start) / 1_000_000);
    }

    private void reset(Slot slot) {
        SessionState state = slot.state.get();
        if (state == null) {
            return;
        }
        synchronized (state) {
            try {
                state.session.reset();
                state.shadow.clear();
            } catch (IllegalStateException e) {
                verdicts.rejected.increment(); // streaming or closed: documented
            }
        }
    }

    private void create(Slot slot, Route route) {
        String name = "s" + slot.index + "-" + allStates.size();
        SessionOptions options = SessionOptions.defaults().withMaxTokens(config.maxTokens());
        LlamaSession session;
        try {
            session = engines.createSession(route, name, options);
        } catch (IllegalStateException e) {
            session = null; // the engine was closed for a reload
        }
        if (session == null) {
            verdicts.rejected.increment();
            return;
        }
        SessionState fresh = new SessionState(session, route);
        allStates.add(fresh);
        SessionState old = slot.state.getAndSet(fresh);
        if (old != null) {
            retire(slot, old);
        }
    }

    private void retire(Slot slot, SessionState state) {
        close(slot, state);
        synchronized (state) {
            verdicts.checkShadow(state, "after close");
        }
    }

    private void generate(Operation op) {
        Probe probe = new Probe(op.prompt(), null, null);
        liveGenerates.add(probe);
        try {
            timer.schedule(LlamaBridge::cancelGenerate, 20 + op.stopDelayMillis() * 2L, TimeUnit.MILLISECONDS);
            RuntimeException thrown = null;
            try {
                LlamaBridge.generateStream(probe.prompt, probe);
            } catch (IllegalStateException | LlamaException e) {
                thrown = e; // the facade's engine was closed between its session's creation and the stream
            }
            verdicts.judge(probe, thrown);
        } finally {
            liveGenerates.remove(probe);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
