package dev.juxta.stress;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stress workload, run inside the worker JVM (the "app" process): random operations over
 * sessions on two engines (one through the {@link LlamaBridge} facade, one a direct
 * {@link LlamaEngine}) from several threads, checking the bridge's promises as it goes.
 */
final class StressWorker {
    static final long STOP_LIMIT_MILLIS = 2_000;
    private static final long HANG_MILLIS = 60_000;

    record Config(int ops, long seed, int sessions, int threads, int maxTokens, List<Path> models,
                  boolean kills, boolean verbose) {
    }

    enum Kind { STREAM, SEND_MANY, CANCEL, CLOSE, RESET, CREATE, OPTIONS, GENERATE, RELOAD, SWITCH, KILL }

    /** Weights per mille; the op list is drawn from them with the seed. */
    private static final Map<Kind, Integer> WEIGHTS = Map.ofEntries(
            Map.entry(Kind.STREAM, 545), Map.entry(Kind.SEND_MANY, 80), Map.entry(Kind.CANCEL, 110),
            Map.entry(Kind.CLOSE, 35), Map.entry(Kind.RESET, 60), Map.entry(Kind.CREATE, 80),
            Map.entry(Kind.OPTIONS, 30), Map.entry(Kind.GENERATE, 20), Map.entry(Kind.RELOAD, 10),
            Map.entry(Kind.SWITCH, 10), Map.entry(Kind.KILL, 5) // with --no-kill, KILL becomes STREAM
    );

    /** One drawn operation. stopKind: 0 none, 1 cancel after stopDelay, 2 close after stopDelay. */
    record Op(int index, Kind kind, int slot, int[] slots, int holder, int maxTokens, boolean greedy, int prompt,
              int stopKind, int stopDelayMillis, int systemPrompt, long sampleSeed) {
    }

    private static final String[] PROMPTS = {
            "Once upon a time", "Lily went to the park", "The dog was happy", "Tom had a red ball.",
            "One day, a little girl named Sue", "The sun was hot and", "Mom said", "Ben and his friend",
            "There was a big tree in the garden. Every day the birds sang in it. One day a cat came and",
            "Once upon a time there was a little boy who loved to play outside. He would run and jump and play "
                    + "with his toys all day long. His mom would call him in for dinner, but he never wanted to stop. "
                    + "One evening the sky turned dark and the wind began to blow. The boy looked up and saw",
            "Hi", "Why is the sky blue?"};
    private static final String[] SYSTEM_PROMPTS = {"", "You are a kind storyteller.", "Answer in one sentence."};

    /** A session and what its transcript must be: the turns this workload saw it record. */
    static final class SessionState {
        final LlamaSession session;
        final int holder;
        final List<ChatTurn> shadow = new ArrayList<>();
        boolean mismatch;

        SessionState(LlamaSession session, int holder) {
            this.session = session;
            this.holder = holder;
        }
    }

    private static final class Slot {
        final int index;
        final AtomicReference<SessionState> state = new AtomicReference<>();
        final AtomicReference<Probe> current = new AtomicReference<>();

        Slot(int index) {
            this.index = index;
        }
    }

    /** Holder 0 is the LlamaBridge facade's engine, holder 1 a directly loaded engine. */
    private static final class Holder {
        final int index;
        final ReentrantLock lock = new ReentrantLock();
        volatile int model;
        volatile LlamaEngine engine;

        Holder(int index, int model) {
            this.index = index;
            this.model = model;
        }
    }

    private final Config config;
    private final PrintStream out;
    private final ModelOptions modelOptions;
    private final Slot[] slots;
    private final Holder[] holders = {new Holder(0, 0), new Holder(1, 1)};
    private final List<Probe> liveGenerates = new CopyOnWriteArrayList<>();
    private final List<SessionState> allStates = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("stress-timer"));
    private final ExecutorService fanOut;
    private final AtomicInteger opsDone = new AtomicInteger();

    // Figures.
    private final Map<Kind, LongAdder> opCounts = new ConcurrentHashMap<>();
    private final LongAdder streams = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder engineLoads = new LongAdder();
    private final LongAdder kills = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder lateCloses = new LongAdder();
    private final LongAdder badTerminals = new LongAdder();
    private final LongAdder contractBreaks = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder engineCrashes = new LongAdder();
    private final AtomicLong maxStopMillis = new AtomicLong();
    private final AtomicLong maxCloseMillis = new AtomicLong();
    private final Map<String, LongAdder> errorMessages = new ConcurrentHashMap<>();
    private final AtomicInteger reports = new AtomicInteger();

    StressWorker(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.modelOptions = ModelOptions.defaults().withMaxSessions(4).withThreads(1);
        this.slots = new Slot[config.sessions()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i);
        }
        this.fanOut = Executors.newFixedThreadPool(Math.min(4, config.sessions()), daemon("stress-send"));
    }

    static List<Op> draw(Config config) {
        Random random = new Random(config.seed());
        List<Kind> bag = new ArrayList<>();
        WEIGHTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> bag.addAll(java.util.Collections.nCopies(e.getValue(), e.getKey())));
        List<Op> ops = new ArrayList<>(config.ops());
        for (int i = 0; i < config.ops(); i++) {
            Kind kind = bag.get(random.nextInt(bag.size()));
            if (kind == Kind.KILL && !config.kills()) {
                kind = Kind.STREAM;
            }
            int many = 2 + random.nextInt(Math.max(1, Math.min(4, config.sessions()) - 1));
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < config.sessions(); s++) {
                order.add(s);
            }
            java.util.Collections.shuffle(order, random);
            int[] targets = order.subList(0, Math.min(many, order.size())).stream().mapToInt(Integer::intValue).toArray();
            double stop = random.nextDouble();
            int stopKind = stop < 0.25 ? 1 : stop < 0.28 ? 2 : 0;
            ops.add(new Op(i, kind, random.nextInt(config.sessions()), targets, random.nextInt(2),
                    1 + random.nextInt(config.maxTokens()), random.nextBoolean(), random.nextInt(PROMPTS.length),
                    stopKind, random.nextInt(40), random.nextInt(SYSTEM_PROMPTS.length), random.nextInt(1 << 20)));
        }
        return ops;
    }

    /** Runs the workload and prints its figures; returns the result line's values. */
    Map<String, Long> run() throws InterruptedException {
        long rssStart = Procs.selfRssKb();
        long t0 = System.nanoTime();
        List<Op> ops = draw(config);
        for (Holder holder : holders) {
            load(holder);
        }
        for (Slot slot : slots) {
            create(slot, slot.index % 2);
        }
        long rssLoaded = Procs.selfRssKb();
        out.printf("stress: %d ops, seed %d, %d sessions, %d threads, maxTokens 1-%d, models %s%n", config.ops(),
                config.seed(), config.sessions(), config.threads(), config.maxTokens(),
                config.models().stream().map(p -> p.getFileName().toString()).toList());

        Thread watchdog = new Thread(this::watch, "stress-watchdog");
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
        for (Holder holder : holders) {
            unload(holder);
        }
        List<Long> left = Procs.engineDescendants();
        if (!left.isEmpty()) {
            out.println("stress: engine processes still running right after shutdown: " + left);
            Procs.await(3_000, () -> Procs.engineDescendants().isEmpty());
        }
        for (SessionState state : allStates) {
            synchronized (state) {
                if (!state.session.transcript().equals(state.shadow)) {
                    mismatch(state, "final", state.shadow, state.session.transcript());
                }
            }
        }
        timer.shutdownNow();
        fanOut.shutdownNow();
        System.gc();
        long rssEnd = Procs.selfRssKb();
        long transcriptMismatches = allStates.stream().filter(s -> s.mismatch).count();

        out.println("stress: operations " + new TreeMap<>(opCounts));
        out.printf("stress: streams %d (completed %d, cancelled %d, error %d), rejected %d (closed session / no model), "
                        + "skipped %d (slot busy)%n", streams.sum(), completed.sum(), cancelled.sum(), errors.sum(),
                rejected.sum(), busy.sum());
        out.printf("stress: engine loads %d, engine kills %d, sessions %d, slowest end after cancel/close %d ms, "
                + "slowest close %d ms, %d s%n", engineLoads.sum(), kills.sum(), allStates.size(), maxStopMillis.get(),
                maxCloseMillis.get(), opsSeconds);
        errorMessages.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(6)
                .forEach(e -> out.printf("stress:   onError x%d: %s%n", e.getValue().sum(), e.getKey()));
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        result.put("late", late.sum() + lateCloses.sum());
        result.put("terminals", badTerminals.sum() + contractBreaks.sum());
        result.put("transcripts", transcriptMismatches);
        result.put("engines", (long) Procs.engineDescendants().size());
        result.put("unexpected", unexpected.sum());
        result.put("engineCrashes", engineCrashes.sum());
        result.put("rssStartKb", rssStart);
        result.put("rssLoadedKb", rssLoaded);
        result.put("rssEndKb", rssEnd);
        result.put("rssPeakKb", Procs.selfPeakRssKb());
        result.put("seconds", opsSeconds);
        return result;
    }

    private void perform(Op op) {
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
                case CREATE -> create(slots[op.slot()], op.holder());
                case OPTIONS -> {
                    SessionState state = slots[op.slot()].state.get();
                    if (state != null) {
                        state.session.setOptions(state.session.options().withSystemPrompt(SYSTEM_PROMPTS[op.systemPrompt()]));
                    }
                }
                case GENERATE -> generate(op);
                case RELOAD -> reload(holders[op.holder()], false);
                case SWITCH -> reload(holders[op.holder()], true);
                case KILL -> kill(holders[op.holder()]);
            }
        } catch (RuntimeException e) {
            unexpected.increment();
            report("op " + op.index() + " " + op.kind() + " threw " + e);
            if (config.verbose()) {
                e.printStackTrace(out);
            }
        }
        int done = opsDone.incrementAndGet();
        if (done % 1000 == 0) {
            out.printf("stress: %d/%d ops, RSS %d MB%n", done, config.ops(), Procs.selfRssKb() / 1024);
        }
    }

    private void stream(Slot slot, Op op) {
        SessionState state = slot.state.get();
        if (state == null) {
            rejected.increment();
            return;
        }
        String prompt = PROMPTS[op.prompt()];
        Probe probe = new Probe(prompt, state, this::checkTranscript);
        if (!slot.current.compareAndSet(null, probe)) {
            busy.increment();
            return;
        }
        try {
            state.session.setOptions(state.session.options().withMaxTokens(op.maxTokens())
                    .withTemperature(op.greedy() ? 0 : 0.8).withSeed(op.sampleSeed()));
            if (op.stopKind() != 0) {
                timer.schedule(() -> {
                    if (slot.current.get() == probe) {
                        if (op.stopKind() == 1) {
                            cancel(slot);
                        } else {
                            close(slot, probe.state);
                        }
                    }
                }, op.stopDelayMillis(), TimeUnit.MILLISECONDS);
            }
            RuntimeException thrown = null;
            try {
                state.session.stream(prompt, probe);
            } catch (IllegalStateException | LlamaException e) {
                thrown = e;
            }
            judge(probe, thrown);
        } finally {
            slot.current.set(null);
        }
        if (state.session.isClosed() && slot.state.get() == state) {
            // The pane's session was closed (by a close, or its engine's reload): the user opens a new one.
            create(slot, state.holder);
        }
    }

    private void judge(Probe probe, RuntimeException thrown) {
        if (thrown != null) {
            if (probe.terminals() != 0) {
                badTerminals.increment();
                report("stream threw " + thrown + " after " + probe.terminals() + " terminal callbacks");
            } else {
                rejected.increment();
            }
            return;
        }
        streams.increment();
        if (probe.terminals() != 1) {
            badTerminals.increment();
            report("stream of '" + probe.prompt + "' ended with " + probe.terminals() + " terminal callbacks");
        }
        if (probe.contractBreaks() != 0) {
            contractBreaks.increment();
            report("stream of '" + probe.prompt + "' had " + probe.contractBreaks() + " callbacks after its end, "
                    + "off its thread or empty");
        }
        switch (String.valueOf(probe.terminal())) {
            case "complete" -> completed.increment();
            case "cancelled" -> cancelled.increment();
            case "error" -> {
                errors.increment();
                String raw = String.valueOf(probe.errorMessage());
                if (raw.contains("ended unexpectedly") && !raw.contains("SIGKILL")) {
                    engineCrashes.increment(); // not one of our kills: a crash of the engine, contained
                }
                String message = raw.replaceAll("\\d+", "N");
                errorMessages.computeIfAbsent(message.length() > 150 ? message.substring(0, 150) : message,
                        k -> new LongAdder()).increment();
            }
            default -> { }
        }
        checkLate(probe);
    }

    private void checkLate(Probe probe) {
        long latency = probe.stopLatencyMillis();
        maxStopMillis.accumulateAndGet(latency, Math::max);
        if (latency > STOP_LIMIT_MILLIS && probe.markLateReported()) {
            late.increment();
            report("stream of '" + probe.prompt + "' ended " + latency + " ms after cancel/close");
        }
    }

    /** Inside the terminal callback: the session's transcript must be the seen turns plus this one. */
    private void checkTranscript(Probe probe, String terminal) {
        SessionState state = probe.state;
        synchronized (state) {
            List<ChatTurn> expected = new ArrayList<>(state.shadow);
            if (!probe.text().isEmpty() || terminal.equals("complete")) {
                expected.add(new ChatTurn(probe.prompt, probe.text()));
            }
            List<ChatTurn> actual = state.session.transcript();
            if (!expected.equals(actual)) {
                mismatch(state, terminal, expected, actual);
            }
            state.shadow.clear();
            state.shadow.addAll(actual);
        }
    }

    private void mismatch(SessionState state, String when, List<ChatTurn> expected, List<ChatTurn> actual) {
        state.mismatch = true;
        report("transcript of session " + state.session.name() + " differs (" + when + "): expected " + tail(expected)
                + " but was " + tail(actual));
    }

    private static String tail(List<ChatTurn> turns) {
        return turns.size() + " turns" + (turns.isEmpty() ? "" : ", last " + turns.get(turns.size() - 1));
    }

    private void sendMany(Op op) {
        List<Future<?>> futures = new ArrayList<>();
        for (int target : op.slots()) {
            futures.add(fanOut.submit(() -> stream(slots[target], op)));
        }
        for (Future<?> future : futures) {
            try {
                future.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                unexpected.increment();
                report("send to several sessions: " + e);
            }
        }
    }

    /** Cancels the slot's stream, noting the time first if it is running (see the class comment). */
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
        long millis = (System.nanoTime() - start) / 1_000_000;
        maxCloseMillis.accumulateAndGet(millis, Math::max);
        if (millis > STOP_LIMIT_MILLIS) {
            lateCloses.increment();
            report("closing session " + state.session.name() + " took " + millis + " ms");
        }
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
                rejected.increment(); // streaming or closed: documented
            }
        }
    }

    private void create(Slot slot, int holderIndex) {
        Holder holder = holders[holderIndex];
        String name = "s" + slot.index + "-" + allStates.size();
        SessionOptions options = SessionOptions.defaults().withMaxTokens(config.maxTokens());
        LlamaSession session;
        try {
            if (holder.index == 0) {
                session = LlamaBridge.createSession(name, options);
            } else {
                LlamaEngine engine = holder.engine;
                session = engine == null ? null : engine.createSession(name, options);
            }
        } catch (IllegalStateException e) {
            session = null; // the engine was closed for a reload
        }
        if (session == null) {
            rejected.increment();
            return;
        }
        SessionState fresh = new SessionState(session, holder.index);
        allStates.add(fresh);
        SessionState old = slot.state.getAndSet(fresh);
        if (old != null) {
            retire(slot, old);
        }
    }

    private void retire(Slot slot, SessionState state) {
        close(slot, state);
        synchronized (state) {
            List<ChatTurn> actual = state.session.transcript();
            if (!actual.equals(state.shadow)) {
                mismatch(state, "after close", state.shadow, actual);
            }
        }
    }

    private void generate(Op op) {
        Probe probe = new Probe(PROMPTS[op.prompt()], null, null);
        liveGenerates.add(probe);
        try {
            timer.schedule(LlamaBridge::cancelGenerate, 20 + op.stopDelayMillis() * 2L, TimeUnit.MILLISECONDS);
            RuntimeException thrown = null;
            try {
                LlamaBridge.generateStream(probe.prompt, probe);
            } catch (IllegalStateException | LlamaException e) {
                thrown = e; // the facade's engine was closed between its session's creation and the stream
            }
            judge(probe, thrown);
        } finally {
            liveGenerates.remove(probe);
        }
    }

    private void reload(Holder holder, boolean otherModel) {
        holder.lock.lock();
        try {
            unload(holder);
            if (otherModel) {
                holder.model = (holder.model + 1) % config.models().size();
            }
            load(holder);
        } finally {
            holder.lock.unlock();
        }
    }

    private void load(Holder holder) {
        Path model = config.models().get(holder.model);
        if (holder.index == 0) {
            LlamaBridge.initGenerateModel(model.toString(), modelOptions);
            LlamaSession probe = LlamaBridge.createSession("engine-probe");
            holder.engine = probe.engine();
            probe.close();
        } else {
            holder.engine = LlamaEngine.load(model, modelOptions);
        }
        engineLoads.increment();
    }

    /** Closes the holder's engine, noting the time on its running streams first. */
    private void unload(Holder holder) {
        LlamaEngine engine = holder.engine;
        if (engine == null) {
            return;
        }
        long now = System.nanoTime();
        for (Slot slot : slots) {
            Probe probe = slot.current.get();
            if (probe != null && probe.state.session.engine() == engine && probe.state.session.isStreaming()) {
                probe.stopRequested(now);
            }
        }
        long start = System.nanoTime();
        if (holder.index == 0) {
            LlamaBridge.shutdown();
        } else {
            engine.close();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        maxCloseMillis.accumulateAndGet(millis, Math::max);
        if (millis > STOP_LIMIT_MILLIS) {
            lateCloses.increment();
            report("closing the engine of " + engine.model().file().getFileName() + " took " + millis + " ms");
        }
    }

    private void kill(Holder holder) {
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

    /** Reports streams that outlive their cancel/close by 2 s while they still run, and hangs. */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            List<Probe> running = new ArrayList<>(liveGenerates);
            for (Slot slot : slots) {
                Probe probe = slot.current.get();
                if (probe != null) {
                    running.add(probe);
                }
            }
            for (Probe probe : running) {
                long latency = probe.stopLatencyMillis();
                if (probe.ended() || latency < 0) {
                    continue;
                }
                if (latency > STOP_LIMIT_MILLIS && probe.markLateReported()) {
                    late.increment();
                    report("stream of '" + probe.prompt + "' still runs " + latency + " ms after cancel/close:"
                            + stack(probe.thread));
                }
                if (latency > HANG_MILLIS) {
                    out.println("stress: HANG: a stream did not end " + HANG_MILLIS + " ms after cancel/close; threads:");
                    Thread.getAllStackTraces().forEach((t, s) -> out.println(t + stack(t)));
                    out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
        }
    }

    private static String stack(Thread thread) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement e : thread.getStackTrace()) {
            text.append("\n    at ").append(e);
        }
        return text.toString();
    }

    private void report(String message) {
        if (reports.incrementAndGet() <= 50) {
            out.println("stress: FAIL " + message);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
