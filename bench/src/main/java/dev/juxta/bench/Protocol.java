package dev.juxta.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The measurements, in one order, for either side. Figures are in {@link Figures}' keys. */
final class Protocol {
    private static final String[] FRESH_WORDS = {"Apple", "River", "Cloud", "Stone", "Maple", "Tiger", "Ocean"};

    private static final int TTFT_SAMPLES = 3;
    /**
     * Between turn 1's end and turn 2, as a user reading the answer (and far shorter than it takes
     * to read it and type the next prompt). Juxta uses it to prime the slot with the answer; the
     * bench also times a turn 2 sent at once, with no pause.
     */
    static final long READING_PAUSE_MS = 1000;
    /** A chat answer's usual length, against the 16-token answer: what turn 2 re-reads unprimed. */
    static final int LONG_ANSWER_TOKENS = 256;
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

    /** One way to reach turn 2: the first answer's length, and the pause before turn 2. */
    private record Turn2Case(String figure, int answerTokens, long pauseMillis) {
    }

    private final Driver driver;
    private final Workload w;
    private final Figures f = new Figures();

    private Protocol(Driver driver, Workload workload) {
        this.driver = driver;
        this.w = workload;
    }

    static Figures run(Driver driver, Workload workload) throws Exception {
        Protocol p = new Protocol(driver, workload);
        p.warmUp();
        p.singleStream();
        p.aggregates();
        driver.extras(workload, p.f);
        p.timeToFirstToken();
        p.stops();
        return p.f;
    }

    /**
     * Both sides first run one single stream and one round of {@link Workload#slots()} streams,
     * unrecorded, until their JIT compilers have settled: while they compile, they compete with
     * llama.cpp's threads for the 2 cores, far more on Juxta's side, which has more Java code on the
     * token path in two JVMs (the app's and the engine's). After one warm-up stream, a probe found
     * Juxta's compilers still taking 10-18% of a core during single streams on stories260K, whose
     * tokens take about 1 ms.
     */
    private void warmUp() throws Exception {
        int rounds = 0;
        double jitShare;
        do {
            long jitBefore = JitClock.nanos(driver.processIds());
            long start = System.nanoTime();
            try (Driver.Conversation c = driver.conversation()) {
                c.stream(w.concurrentPrompt(w.slots()), w.tokens(), n -> { });
            }
            concurrent(w.slots());
            jitShare = (JitClock.nanos(driver.processIds()) - jitBefore) / (double) (System.nanoTime() - start);
            rounds++;
        } while (jitShare > JIT_SETTLED_SHARE && rounds < MAX_WARM_UP_ROUNDS);
        f.put(Figures.WARM_UP_ROUNDS, rounds);
    }

    private void singleStream() throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        long jitBefore = JitClock.nanos(driver.processIds());
        long start = System.nanoTime();
        repeatForSpeed(() -> {
            try (Driver.Conversation c = driver.conversation()) {
                StreamClock clock = c.stream(w.shortPrompt(), w.tokens(), n -> { });
                rates.add(clock.decodeRate());
                counts.add((double) clock.tokens());
            }
        });
        f.put(Figures.SINGLE_TPS, Figures.median(rates));
        f.put(Figures.SINGLE_TOKENS, Figures.median(counts));
        f.put(Figures.SINGLE_SAMPLES, rates.size());
        f.put(Figures.SINGLE_JIT_PERCENT,
                100.0 * (JitClock.nanos(driver.processIds()) - jitBefore) / (System.nanoTime() - start));
    }

    /** 1, 2 and 4 streams at once: total tokens over the wall time from start to the last end. */
    private void aggregates() throws Exception {
        for (int sessions : new int[] {1, 2, 4}) {
            List<Double> rates = new ArrayList<>();
            double[] tokens = new double[1];
            repeatForSpeed(() -> {
                double[] result = concurrent(sessions);
                rates.add(result[0]);
                tokens[0] = result[1];
            });
            f.put(Figures.agg(Figures.AGG_TPS, sessions), Figures.median(rates));
            f.put(Figures.agg(Figures.AGG_TOKENS, sessions), tokens[0]);
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

    private double[] concurrent(int sessions) throws Exception {
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
            int tokens = 0;
            for (Future<StreamClock> r : results) {
                tokens += r.get(5, TimeUnit.MINUTES).tokens();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {tokens / seconds, tokens};
        } finally {
            pool.shutdownNow();
            conversations.forEach(Driver.Conversation::close);
        }
    }

    /**
     * A fresh short prompt on a new conversation vs a short turn 2 after a long first turn, {@link
     * #TTFT_SAMPLES} times per repetition: single time-to-first-token samples vary far more than
     * rates over 128 tokens. Turn 2 comes after {@link #READING_PAUSE_MS}, once more at once, and
     * once after a {@link #LONG_ANSWER_TOKENS}-token answer.
     */
    private void timeToFirstToken() throws InterruptedException {
        List<Double> fresh = new ArrayList<>();
        List<Turn2Case> cases = List.of(
                new Turn2Case(Figures.TTFT_TURN2_MS, w.historyAnswerTokens(), READING_PAUSE_MS),
                new Turn2Case(Figures.TTFT_TURN2_AT_ONCE_MS, w.historyAnswerTokens(), 0),
                new Turn2Case(Figures.TTFT_TURN2_LONG_ANSWER_MS, LONG_ANSWER_TOKENS, READING_PAUSE_MS));
        Map<String, List<Double>> turn2 = new HashMap<>();
        int freshTokens = 0;
        int historyTokens = 0;
        for (int i = 0; i < w.reps() * TTFT_SAMPLES; i++) {
            String word = FRESH_WORDS[i % FRESH_WORDS.length];
            try (Driver.Conversation c = driver.conversation()) {
                fresh.add(c.stream(word + ". " + w.shortPrompt(), 1, n -> { }).ttftMillis());
                freshTokens = c.lastPromptTokens();
            }
            for (Turn2Case turn : cases) {
                try (Driver.Conversation c = driver.conversation()) {
                    c.stream(word + ". " + w.historyPrompt(), turn.answerTokens(), n -> { });
                    historyTokens = c.lastPromptTokens();
                    Thread.sleep(turn.pauseMillis());
                    double ttft = c.stream(w.turn2Prompt(), 1, n -> { }).ttftMillis();
                    turn2.computeIfAbsent(turn.figure(), k -> new ArrayList<>()).add(ttft);
                }
            }
        }
        f.put(Figures.TTFT_FRESH_MS, Figures.median(fresh));
        turn2.forEach((figure, samples) -> f.put(figure, Figures.median(samples)));
        f.put(Figures.FRESH_PROMPT_TOKENS, freshTokens);
        f.put(Figures.HISTORY_TOKENS, historyTokens);
    }

    /**
     * Stops a stream after a few tokens, {@link Workload#stops()} times on one conversation: from the
     * stop request until the streaming call returns; and from the stop request until the next
     * stream's first token (the stop as a user sees it when they send again at once).
     */
    private void stops() throws Exception {
        List<Double> latencies = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        int maxTokens = Math.max(64, Math.min(512, w.context() / 2));
        try (Driver.Conversation c = driver.conversation()) {
            long lastStop = 0;
            for (int i = 0; i < w.stops(); i++) {
                int after = 4 + (i * 7) % 13;
                CountDownLatch reached = new CountDownLatch(1);
                long[] returned = new long[1];
                StreamClock[] clock = new StreamClock[1];
                c.reset();
                Thread streamer = Thread.ofPlatform().name("bench-stop-" + i).start(() -> {
                    clock[0] = c.stream(w.shortPrompt(), maxTokens, n -> {
                        if (n == after) {
                            reached.countDown();
                        }
                    });
                    returned[0] = System.nanoTime();
                    reached.countDown();
                });
                reached.await();
                long stopAt = System.nanoTime();
                c.stop();
                streamer.join(TimeUnit.MINUTES.toMillis(1));
                if (streamer.isAlive()) {
                    throw new IllegalStateException("a stopped stream did not return within a minute");
                }
                if (lastStop != 0 && clock[0].tokens() > 0) {
                    restarts.add((clock[0].startNanos() - lastStop) / 1e6 + clock[0].ttftMillis());
                }
                if (clock[0].tokens() >= after && returned[0] >= stopAt) {
                    latencies.add((returned[0] - stopAt) / 1e6);
                    lastStop = stopAt;
                } else {
                    lastStop = 0; // it ended by itself before the stop: not a sample
                }
            }
        }
        f.put(Figures.STOP_P50_MS, Figures.percentile(latencies, 50));
        f.put(Figures.STOP_P99_MS, Figures.percentile(latencies, 99));
        f.put(Figures.STOP_SAMPLES, latencies.size());
        f.put(Figures.RESTART_P50_MS, Figures.median(restarts));
    }
}
