package dev.juxta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The measurements, in one order, for either side. Figures are in {@link Figures}' keys. Juxta runs
 * them all ({@link #juxta}); llama-server runs the speed measurements that its targets compare
 * with: one slot for the single stream ({@link #singleSlot}), four for the rest ({@link #fourSlots}).
 */
final class Protocol {
    private static final String[] FRESH_WORDS = {"Apple", "River", "Cloud", "Stone", "Maple", "Tiger", "Ocean"};
    /**
     * First words of the long fresh prompts: none shared with another prompt of the same engine, so
     * that no cached or copied prefix shortens a measurement that must read the whole prompt.
     */
    private static final String[] LONG_WORDS = {"Violet", "Copper", "Silver", "Amber", "Coral", "Indigo",
        "Olive", "Pearl", "Ruby", "Scarlet", "Topaz", "Azure"};

    private static final int TTFT_SAMPLES = 3;
    /** The warm-up ends when the JIT compilers used less than this share of a core in its last round. */
    static final double JIT_SETTLED_SHARE = 0.03;
    static final int MAX_WARM_UP_ROUNDS = 8;
    /**
     * Each speed figure repeats its measurement until this much time has passed, and at least
     * {@link #MIN_SPEED_REPS} and {@link Workload#reps()} times: one 128-token stream of
     * stories260K lasts about 90 ms, too short a sample on a shared machine, where one preemption
     * moves it by 10%.
     */
    static final long SPEED_SAMPLE_NANOS = 2_000_000_000L;
    private static final int MAX_SPEED_REPS = 60;
    /** A median of three or more, so that one stream slowed by a neighbour cannot set the figure. */
    private static final int MIN_SPEED_REPS = 3;

    private final Driver driver;
    private final Workload w;
    private final Figures f = new Figures();
    private int longWords;

    private Protocol(Driver driver, Workload workload) {
        this.driver = driver;
        this.w = workload;
    }

    /** Everything, on Juxta's engine with {@link Workload#slots()} slots. */
    static Figures juxta(Driver driver, Workload workload) throws Exception {
        Protocol p = new Protocol(driver, workload);
        p.warmUp(workload.slots());
        p.singleStream();
        p.aggregates();
        p.timeToFirstToken();
        p.sendToAll();
        p.f.putAll(StopTest.run(driver, workload));
        return p.f;
    }

    /** The single-stream figure, on a server with one slot. */
    static Figures singleSlot(Driver driver, Workload workload) throws Exception {
        Protocol p = new Protocol(driver, workload);
        p.warmUp(1);
        p.singleStream();
        return p.f;
    }

    /** The aggregates, RSS, a long fresh prompt and Send to all, on a server with four slots. */
    static Figures fourSlots(Driver driver, Workload workload) throws Exception {
        Protocol p = new Protocol(driver, workload);
        p.warmUp(workload.slots());
        p.aggregates();
        p.longPrompt();
        p.sendToAll();
        return p.f;
    }

    /**
     * Both sides first run one single stream and, with several slots, one round of {@code streams}
     * streams, unrecorded, until their JIT compilers have settled: while they compile, they compete with
     * llama.cpp's threads for the 2 cores, far more on Juxta's side, which has more Java code on the
     * token path in two JVMs (the app's and the engine's). After one warm-up stream, a probe found
     * Juxta's compilers still taking 10-18% of a core during single streams on stories260K, whose
     * tokens take about 1 ms.
     */
    private void warmUp(int streams) throws Exception {
        int rounds = 0;
        double jitShare;
        do {
            long jitBefore = JitClock.nanos(driver.processIds());
            long start = System.nanoTime();
            try (Driver.Conversation c = driver.conversation()) {
                c.stream(w.concurrentPrompt(w.slots()), w.tokens(), n -> { });
            }
            if (streams > 1) {
                concurrent(streams, new SpeedSamples()); // warming up: the figures are not kept
            }
            jitShare = (JitClock.nanos(driver.processIds()) - jitBefore) / (double) (System.nanoTime() - start);
            rounds++;
        } while (jitShare > JIT_SETTLED_SHARE && rounds < MAX_WARM_UP_ROUNDS);
        f.put(Figures.WARM_UP_ROUNDS, rounds);
    }

    private void singleStream() throws Exception {
        SpeedSamples samples = new SpeedSamples();
        long jitBefore = JitClock.nanos(driver.processIds());
        long start = System.nanoTime();
        repeatForSpeed(() -> {
            try (Driver.Conversation c = driver.conversation()) {
                StreamClock clock = c.stream(w.shortPrompt(), w.tokens(), n -> { });
                samples.add(clock.decodeRate(), clock.tokens());
            }
        });
        f.put(Figures.SINGLE_TPS, samples.medianRate());
        f.put(Figures.SINGLE_TOKENS, samples.medianTokens());
        f.put(Figures.SINGLE_SAMPLES, samples.size());
        f.put(Figures.SINGLE_JIT_PERCENT,
                100.0 * (JitClock.nanos(driver.processIds()) - jitBefore) / (System.nanoTime() - start));
    }

    /** 1, 2 and 4 streams at once: total tokens over the wall time from start to the last end. */
    private void aggregates() throws Exception {
        for (int sessions : new int[] {1, 2, 4}) {
            SpeedSamples samples = new SpeedSamples();
            repeatForSpeed(() -> concurrent(sessions, samples));
            f.put(Figures.agg(Figures.AGG_TPS, sessions), samples.medianRate());
            f.put(Figures.agg(Figures.AGG_TOKENS, sessions), samples.medianTokens());
            if (sessions == 1) {
                f.put(Figures.RSS1_MB, driver.rssMib());
            } else if (sessions == 4) {
                f.put(Figures.RSS4_MB, driver.rssMib());
            }
        }
    }

    private interface Measurement {
        void run() throws Exception;
    }

    private void repeatForSpeed(Measurement measurement) throws Exception {
        long start = System.nanoTime();
        int reps = 0;
        do {
            measurement.run();
            reps++;
        } while (reps < MAX_SPEED_REPS && (reps < Math.max(MIN_SPEED_REPS, w.reps())
                || System.nanoTime() - start < SPEED_SAMPLE_NANOS));
    }

    /** Streams {@code sessions} answers at once and adds their total rate and tokens to {@code samples}. */
    private void concurrent(int sessions, SpeedSamples samples) throws Exception {
        List<Driver.Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            conversations.add(driver.conversation());
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StreamClock>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                Driver.Conversation c = conversations.get(i);
                String prompt = w.concurrentPrompt(i);
                results.add(pool.submit(() -> {
                    go.await();
                    return c.stream(prompt, w.tokens(), n -> { });
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            long tokens = 0;
            for (Future<StreamClock> r : results) {
                tokens += r.get(5, TimeUnit.MINUTES).tokens();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            samples.add(tokens / seconds, tokens);
        } finally {
            pool.shutdownNow();
            conversations.forEach(Driver.Conversation::close);
        }
    }

    /**
     * A fresh short prompt on a new conversation, a fresh long one, and a short turn 2 after the
     * long one, {@link #TTFT_SAMPLES} times per repetition: single time-to-first-token samples vary
     * far more than rates over 128 tokens. Turn 2 is sent as soon as turn 1 has ended.
     */
    private void timeToFirstToken() {
        List<Double> fresh = new ArrayList<>();
        List<Double> turn2 = new ArrayList<>();
        for (int i = 0; i < w.reps() * TTFT_SAMPLES; i++) {
            String word = FRESH_WORDS[i % FRESH_WORDS.length];
            try (Driver.Conversation c = driver.conversation()) {
                fresh.add(c.stream(word + ". " + w.shortPrompt(), 1, n -> { }).ttftMillis());
                f.put(Figures.FRESH_PROMPT_TOKENS, c.lastPromptTokens());
            }
            try (Driver.Conversation c = driver.conversation()) {
                c.stream(word + ". " + w.historyPrompt(), w.historyAnswerTokens(), n -> { });
                turn2.add(c.stream(w.turn2Prompt(), 1, n -> { }).ttftMillis());
                f.put(Figures.TURN2_READ_TOKENS, c.lastReadTokens());
                f.put(Figures.TURN2_DEPTH_TOKENS, c.lastPromptTokens() - c.lastReadTokens());
            }
        }
        f.put(Figures.TTFT_FRESH_MS, Figures.median(fresh));
        f.put(Figures.TTFT_TURN2_MS, Figures.median(turn2));
        longPrompt();
    }

    /** The long prompt, fresh, on a new conversation: how long reading it takes. */
    private void longPrompt() {
        List<Double> ttft = new ArrayList<>();
        for (int i = 0; i < w.reps() * TTFT_SAMPLES; i++) {
            try (Driver.Conversation c = driver.conversation()) {
                ttft.add(c.stream(nextLongWord() + ". " + w.historyPrompt(), 1, n -> { }).ttftMillis());
                f.put(Figures.LONG_PROMPT_TOKENS, c.lastPromptTokens());
            }
        }
        f.put(Figures.TTFT_LONG_MS, Figures.median(ttft));
    }

    private String nextLongWord() {
        return LONG_WORDS[longWords++ % LONG_WORDS.length];
    }

    /**
     * The long prompt sent to {@link Workload#slots()} new conversations at once, as Send to all
     * does: from the sending until the last of them has its first token.
     */
    private void sendToAll() throws Exception {
        List<Double> last = new ArrayList<>();
        for (int i = 0; i < w.reps() * TTFT_SAMPLES; i++) {
            String prompt = nextLongWord() + ". " + w.historyPrompt();
            List<Driver.Conversation> conversations = new ArrayList<>();
            for (int k = 0; k < w.slots(); k++) {
                conversations.add(driver.conversation());
            }
            ExecutorService pool = Executors.newFixedThreadPool(w.slots());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<StreamClock>> clocks = new ArrayList<>();
                for (Driver.Conversation c : conversations) {
                    clocks.add(pool.submit(() -> {
                        go.await();
                        return c.stream(prompt, 1, n -> { });
                    }));
                }
                long start = System.nanoTime();
                go.countDown();
                long lastFirst = start;
                for (Future<StreamClock> clock : clocks) {
                    long first = clock.get(5, TimeUnit.MINUTES).firstNanos();
                    lastFirst = first == 0 ? Long.MAX_VALUE : Math.max(lastFirst, first);
                }
                last.add(lastFirst == Long.MAX_VALUE ? Double.NaN : (lastFirst - start) / 1e6);
            } finally {
                pool.shutdownNow();
                conversations.forEach(Driver.Conversation::close);
            }
        }
        f.put(Figures.SEND_TO_ALL_MS, Figures.median(last));
    }
}
