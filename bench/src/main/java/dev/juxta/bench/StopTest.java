package dev.juxta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stop latency on Juxta's side. Issue 14's target counts until the engine has stopped the session's
 * work, which {@code stream()} returning does not show: it returns at once on {@code cancel()}, while
 * the engine may still be decoding that session's step.
 */
final class StopTest {
    /** One stop: when it was asked for, when the stopped stream returned, and the stream after it. */
    private record Sample(long stopAt, long returned, StreamClock stopped, StreamClock next) {
    }

    private final Driver driver;
    private final Workload w;
    private final int maxTokens;

    private StopTest(Driver driver, Workload w) {
        this.driver = driver;
        this.w = w;
        this.maxTokens = Math.max(64, Math.min(512, w.context() / 2));
    }

    /**
     * Stops a stream after 4-16 tokens, {@link Workload#stops()} times on one conversation, the next
     * stream started as soon as the stopped one returned. Three times from the stop request: until
     * the streaming call returned; until the engine confirmed the end of the stopped request (the
     * next stream was dispatched: the bridge hands the session a slot again only after the engine's
     * Done for its previous request); and until the next stream's first token (the stop as a user
     * sees it when they send again at once).
     */
    static Figures run(Driver driver, Workload w) throws Exception {
        return new StopTest(driver, w).figures();
    }

    private Figures figures() throws Exception {
        List<Double> returned = new ArrayList<>();
        List<Double> confirmed = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        for (Sample s : samples()) {
            if (s.returned() < s.stopAt() || s.stopped().tokens() >= maxTokens) {
                continue; // it ended by itself before the stop: not a sample
            }
            returned.add((s.returned() - s.stopAt()) / 1e6);
            if (s.next().dispatchedNanos() != 0) {
                confirmed.add((s.next().dispatchedNanos() - s.stopAt()) / 1e6);
            }
            if (s.next().firstNanos() != 0) {
                restarts.add((s.next().firstNanos() - s.stopAt()) / 1e6);
            }
        }
        Figures f = new Figures();
        f.put(Figures.STOP_P50_MS, Figures.median(returned));
        f.put(Figures.STOP_P99_MS, Figures.percentile(returned, 99));
        f.put(Figures.STOP_CONFIRMED_P50_MS, Figures.median(confirmed));
        f.put(Figures.STOP_CONFIRMED_P99_MS, Figures.percentile(confirmed, 99));
        f.put(Figures.STOP_SAMPLES, returned.size());
        f.put(Figures.RESTART_P50_MS, Figures.median(restarts));
        return f;
    }

    /** A streaming thread runs the streams back to back; this thread stops each once it has streamed a few tokens. */
    private List<Sample> samples() throws Exception {
        int stops = w.stops();
        long[] stopAt = new long[stops];
        long[] returned = new long[stops];
        StreamClock[] clocks = new StreamClock[stops + 1];
        List<CountDownLatch> reached = new ArrayList<>();
        for (int i = 0; i < stops; i++) {
            reached.add(new CountDownLatch(1));
        }
        try (Driver.Conversation c = driver.conversation()) {
            Thread streamer = Thread.ofPlatform().name("bench-stops").start(() -> {
                for (int i = 0; i <= stops; i++) {
                    int index = i;
                    int after = 4 + (i * 7) % 13;
                    c.reset();
                    clocks[i] = c.stream(w.shortPrompt(), i == stops ? 1 : maxTokens, n -> {
                        if (index < stops && n == after) {
                            reached.get(index).countDown();
                        }
                    });
                    if (i < stops) {
                        returned[i] = System.nanoTime();
                        reached.get(i).countDown();
                    }
                }
            });
            for (int i = 0; i < stops; i++) {
                if (!reached.get(i).await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("stream " + i + " of the stop test neither streamed nor ended in a minute");
                }
                stopAt[i] = System.nanoTime();
                c.stop();
            }
            streamer.join(TimeUnit.MINUTES.toMillis(1));
            if (streamer.isAlive()) {
                throw new IllegalStateException("a stopped stream did not return within a minute");
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < stops; i++) {
            samples.add(new Sample(stopAt[i], returned[i], clocks[i], clocks[i + 1]));
        }
        return samples;
    }
}
