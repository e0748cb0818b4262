package dev.juxta.bench;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.gguf.RandomLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Juxta's bridge beside the raw binding, same model, threads and run. See bench/README.md.
 *
 * <pre>Bench [--model-set tiny|134m|all] [--tokens 128] [--threads N] [--quick]
 *       [--models-dir DIR] [--cache-dir DIR]</pre>
 */
public final class Bench {
    private static final int SLOTS = 4;
    private static final int SEED = 42;
    private static final int FRESH_PROMPT_TOKENS = 30;
    private static final int HISTORY_TOKENS = 1000;
    private static final int HISTORY_ANSWER_TOKENS = 16;

    private record Options(String modelSet, int tokens, int threads, boolean quick, Path modelsDir, Path cacheDir) {
        static Options parse(String[] args) {
            String set = "all";
            int tokens = 128;
            int threads = ModelOptions.recommendedThreads();
            boolean quick = false;
            Path models = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models");
            Path cache = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "out")
                    : Path.of(System.getProperty("java.io.tmpdir"), "juxta-bench");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model-set" -> set = args[++i];
                    case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--quick" -> quick = true;
                    case "--models-dir" -> models = Path.of(args[++i]);
                    case "--cache-dir" -> cache = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\nusage: Bench "
                            + "[--model-set tiny|134m|all] [--tokens 128] [--threads N] [--quick] "
                            + "[--models-dir DIR] [--cache-dir DIR]");
                }
            }
            if (!List.of("tiny", "134m", "all").contains(set)) {
                throw new IllegalArgumentException("--model-set must be tiny, 134m or all, was " + set);
            }
            return new Options(set, tokens, threads, quick, models.toAbsolutePath().normalize(),
                    cache.toAbsolutePath().normalize());
        }

        int rounds() {
            return quick ? 1 : 3;
        }

        int stops() {
            return quick ? 20 : 50;
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.cacheDir());
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Juxta bench %s: %d cores, %d threads, %d tokens per stream, %d slots, java %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), o.threads(), o.tokens(), SLOTS,
                System.getProperty("java.version"));
        System.out.println("Both sides ignore end-of-text; greedy sampling (temperature 0), seed " + SEED + ".");
        List<Report> reports = new ArrayList<>();
        if (!o.modelSet().equals("134m")) {
            reports.add(runModel("stories260K (overhead)", o.modelsDir().resolve("stories260K.gguf"), o));
        }
        if (!o.modelSet().equals("tiny")) {
            reports.add(runModel("random llama 134M Q4_0", randomModel(o.cacheDir()), o));
        }
        reports.forEach(Report::print);
        System.out.printf(Locale.ROOT, "%nbench took %.0f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }

    /** The 134M random-weight model, written once into the cache folder. */
    private static Path randomModel(Path cacheDir) throws Exception {
        Path file = cacheDir.resolve("random-llama-134M-seed" + SEED + ".gguf");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            Path partial = Files.createTempFile(cacheDir, "random-llama-", ".partial");
            RandomLlamaModel.write(partial, RandomLlamaModel.Shape.LLAMA_134M, SEED);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "wrote %s (%d MiB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - t) / 1e9);
        }
        return file;
    }

    /**
     * Rounds alternate the sides, Juxta then raw, each with a fresh engine or child, and the
     * report shows each figure's median over the rounds: on a shared 2-core machine the speed
     * drifts over minutes, and measuring one side entirely before the other let drift decide ratios.
     */
    private static Report runModel(String title, Path file, Options o) throws Exception {
        System.out.println("-- " + title + ": " + file + " (load average " + loadAverage() + ")");
        ModelInfo info = ModelInfo.read(file);
        ModelOptions modelOptions = ModelOptions.defaults()
                .withContextLength(Math.min(ModelOptions.DEFAULT_CONTEXT, info.trainedContextLength()))
                .withMaxSessions(SLOTS).withThreads(o.threads());
        double temperature = 0;
        String label = file.getFileName().toString().replace(".gguf", "");
        List<Figures> juxta = new ArrayList<>();
        List<Figures> raw = new ArrayList<>();
        Workload w = null;
        long t = System.nanoTime();
        for (int round = 1; round <= o.rounds(); round++) {
            long loadStart = System.nanoTime();
            try (LlamaEngine engine = LlamaEngine.load(file, modelOptions)) {
                double loadMs = (System.nanoTime() - loadStart) / 1e6;
                if (w == null) {
                    w = workload(engine, file, o, engine.contextLength(), temperature);
                }
                Figures figures = Protocol.run(new JuxtaDriver(engine, w), w);
                figures.put(Figures.LOAD_MS, loadMs);
                juxta.add(figures);
            }
            System.out.printf(Locale.ROOT, "   round %d of %d: juxta done after %.0f s (load average %s); raw binding child...%n",
                    round, o.rounds(), (System.nanoTime() - t) / 1e9, loadAverage());
            // TODO(bench helper): the upstream llama.cpp peer replaces the raw binding here.
            System.out.printf(Locale.ROOT, "   round %d of %d: raw done after %.0f s (load average %s)%n", round,
                    o.rounds(), (System.nanoTime() - t) / 1e9, loadAverage());
        }
        return report(title, info, w, Figures.mediansOf(juxta), Figures.mediansOf(raw), o.rounds());
    }

    /** Sizes the prompts to their token targets on this model's tokenizer, with probe prompts. */
    private static Workload workload(LlamaEngine engine, Path file, Options o, int context, double temperature) {
        int history = Math.min(HISTORY_TOKENS, context * 6 / 10);
        try (LlamaSession probe = engine.createSession("calibration",
                JuxtaDriver.sessionOptions(temperature, SEED).withMaxTokens(1))) {
            // As sent by Protocol: "<word>. " before the fresh and the history prompts.
            String shortPrompt = fit(probe, "Apple. ", 0, FRESH_PROMPT_TOKENS);
            String historyPrompt = fit(probe, "Apple. ", 1, history);
            String turn2 = fit(probe, "", 3, FRESH_PROMPT_TOKENS);
            return new Workload(file, o.threads(), SLOTS, context, o.tokens(), temperature, SEED,
                    1, o.stops(), shortPrompt, historyPrompt, HISTORY_ANSWER_TOKENS, turn2);
        }
    }

    /** Text from sentence {@code first} whose prompt, {@code prefix} + text with BOS, is about {@code tokens} long. */
    private static String fit(LlamaSession probe, String prefix, int first, int tokens) {
        double chars = tokens * 3.0;
        String text = Texts.ofLength((int) chars, first);
        for (int round = 0; round < 4; round++) {
            probe.reset();
            SilentStream stream = new SilentStream();
            probe.stream(prefix + text, stream);
            if (stream.error != null) {
                throw new IllegalStateException("a calibration stream failed: " + stream.error);
            }
            int actual = probe.lastStats().promptTokens();
            if (Math.abs(actual - tokens) <= Math.max(1, tokens / 50)) {
                break;
            }
            chars *= tokens / (double) actual;
            text = Texts.ofLength((int) chars, first);
        }
        return text;
    }

    private static Report report(String title, ModelInfo info, Workload w, Figures j, Figures r, int rounds) {
        Report rep = new Report(String.format(Locale.ROOT, "%s: %s, %d threads, context %d x %d slots, %d tokens",
                title, info.quantization(), w.threads(), w.context(), w.slots(), w.tokens()));
        String tps = "%.1f";
        String ms = "%.1f";
        rep.info("load time (ms)", j.get(Figures.LOAD_MS), r.get(Figures.LOAD_MS), "%.0f");
        rep.info(String.format(Locale.ROOT, "warm-up rounds (until JIT < %.0f%% of a core)", 100 * Protocol.JIT_SETTLED_SHARE),
                j.get(Figures.WARM_UP_ROUNDS), r.get(Figures.WARM_UP_ROUNDS), "%.0f");
        double single = j.get(Figures.SINGLE_TPS);
        rep.check("single stream (tok/s)", single, r.get(Figures.SINGLE_TPS), tps, ">= 0.95x raw",
                single >= 0.95 * r.get(Figures.SINGLE_TPS));
        rep.info("  tokens generated per stream", j.get(Figures.SINGLE_TOKENS), r.get(Figures.SINGLE_TOKENS), "%.0f");
        rep.info("  streams measured (median of)", j.get(Figures.SINGLE_SAMPLES), r.get(Figures.SINGLE_SAMPLES), "%.0f");
        rep.info("  JIT compilers meanwhile (% of a core)", j.get(Figures.SINGLE_JIT_PERCENT),
                r.get(Figures.SINGLE_JIT_PERCENT), "%.1f");
        for (int n : new int[] {1, 2, 4}) {
            String label = String.format(Locale.ROOT, "aggregate, %d session%s (tok/s)", n, n == 1 ? "" : "s");
            double juxta = j.get(Figures.agg(Figures.AGG_TPS, n));
            double raw = r.get(Figures.agg(Figures.AGG_TPS, n));
            if (n == 4) {
                rep.check(label, juxta, raw, tps, ">= 1.5x raw streaming", juxta >= 1.5 * raw);
            } else {
                rep.info(label, juxta, raw, tps);
            }
        }
        rep.info("  tokens generated, 4 sessions", j.get(Figures.agg(Figures.AGG_TOKENS, 4)),
                r.get(Figures.agg(Figures.AGG_TOKENS, 4)), "%.0f");
        rep.info("raw: 4 x complete() at once (tok/s)", Double.NaN, r.get(Figures.AGG4_COMPLETE_TPS), tps);
        double fresh = j.get(Figures.TTFT_FRESH_MS);
        double turn2 = j.get(Figures.TTFT_TURN2_MS);
        rep.info(String.format(Locale.ROOT, "TTFT fresh, %.0f-token prompt (ms)", j.get(Figures.FRESH_PROMPT_TOKENS)),
                fresh, r.get(Figures.TTFT_FRESH_MS), ms);
        rep.check(String.format(Locale.ROOT, "TTFT turn 2 after %.0f tokens (ms)", j.get(Figures.HISTORY_TOKENS)),
                turn2, r.get(Figures.TTFT_TURN2_MS), ms,
                String.format(Locale.ROOT, "<= 1.5x juxta fresh (%.1f)", 1.5 * fresh), turn2 <= 1.5 * fresh);
        rep.info("  turn 2 sent at once, no pause (ms)", j.get(Figures.TTFT_TURN2_AT_ONCE_MS),
                r.get(Figures.TTFT_TURN2_AT_ONCE_MS), ms);
        rep.info(String.format(Locale.ROOT, "  turn 2 after a %d-token answer (ms)", Protocol.LONG_ANSWER_TOKENS),
                j.get(Figures.TTFT_TURN2_LONG_ANSWER_MS), r.get(Figures.TTFT_TURN2_LONG_ANSWER_MS), ms);
        rep.info("stop latency p50 (ms)", j.get(Figures.STOP_P50_MS), r.get(Figures.STOP_P50_MS), "%.2f");
        double p99 = j.get(Figures.STOP_P99_MS);
        rep.check(String.format(Locale.ROOT, "stop latency p99 (ms), %.0f stops", j.get(Figures.STOP_SAMPLES)),
                p99, r.get(Figures.STOP_P99_MS), "%.2f", "< 50 ms", p99 < 50);
        rep.info("stop -> next stream's 1st token p50 (ms)", j.get(Figures.RESTART_P50_MS),
                r.get(Figures.RESTART_P50_MS), ms);
        double kvMib = info.kvBytesPerToken() * (double) w.context() / (1 << 20);
        double rss1 = j.get(Figures.RSS1_MB);
        double rss4 = j.get(Figures.RSS4_MB);
        double bound = (rss1 + 4 * kvMib) * 1.1;
        rep.info("RSS, 1 session (MiB)", rss1, r.get(Figures.RSS1_MB), "%.0f");
        rep.check("RSS, 4 sessions (MiB)", rss4, r.get(Figures.RSS4_MB), "%.0f",
                String.format(Locale.ROOT, "<= (rss1 + 4 x %.1f KV) x 1.1 = %.0f", kvMib, bound), rss4 <= bound);
        rep.note(String.format(Locale.ROOT, "each figure: the median of %d round%s, sides alternating (juxta, raw, juxta, ...).",
                rounds, rounds == 1 ? "" : "s"));
        rep.note("ratio = juxta / raw. Juxta's load includes starting its engine process; raw's is new LlamaModel() in a "
                + "warm child JVM.");
        rep.note(String.format(Locale.ROOT, "Turn 2 is sent %d ms after turn 1 ends, as by a user reading the answer; "
                + "Juxta primes the slot with the answer meanwhile.", Protocol.READING_PAUSE_MS));
        rep.note("Stop: Juxta from cancel() on another thread until stream() returns; raw from setting a flag until the "
                + "streaming thread, which checks it after each token and cancels its own iterator, leaves its loop.");
        return rep;
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static final class SilentStream implements dev.juxta.llama.GenStream {
        String error;

        @Override
        public void onDelta(String text) {
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void onError(String message) {
            error = message;
        }
    }
}
