package dev.juxta.bench;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import dev.juxta.testkit.gguf.RandomArchitecture;
import dev.juxta.testkit.gguf.RandomLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Juxta's bridge beside upstream llama.cpp of the same pinned release (llama-server, llama-bench,
 * llama-batched-bench), same model, threads, context and run. See bench/README.md.
 *
 * <pre>Bench [--model-set tiny|134m|qwen3|all] [--tokens 128] [--threads N] [--quick]
 *       [--models-dir DIR] [--cache-dir DIR] [--upstream-bin DIR]</pre>
 */
public final class Bench {
    private static final int SLOTS = 4;
    private static final int SEED = 42;
    private static final int FRESH_PROMPT_TOKENS = 30;
    private static final int HISTORY_TOKENS = 1000;
    private static final int HISTORY_ANSWER_TOKENS = 16;
    private static final List<String> MODEL_SETS = List.of("tiny", "134m", "qwen3", "all");
    private static final String USAGE = "usage: Bench [--model-set tiny|134m|qwen3|all] [--tokens 128] [--threads N] "
            + "[--quick] [--models-dir DIR] [--cache-dir DIR] [--upstream-bin DIR]";

    private record Options(String modelSet, int tokens, int threads, boolean quick, Path modelsDir, Path cacheDir,
                           Path upstreamBin) {
        static Options parse(String[] args) {
            String set = "all";
            int tokens = 128;
            int threads = ModelOptions.recommendedThreads();
            boolean quick = false;
            Path models = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models");
            Path cache = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "out")
                    : Path.of(System.getProperty("java.io.tmpdir"), "juxta-bench");
            Path upstream = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model-set" -> set = args[++i];
                    case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--quick" -> quick = true;
                    case "--models-dir" -> models = Path.of(args[++i]);
                    case "--cache-dir" -> cache = Path.of(args[++i]);
                    case "--upstream-bin" -> upstream = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (!MODEL_SETS.contains(set)) {
                throw new IllegalArgumentException("--model-set must be one of " + MODEL_SETS + ", was " + set);
            }
            return new Options(set, tokens, threads, quick, models.toAbsolutePath().normalize(),
                    cache.toAbsolutePath().normalize(), upstream);
        }

        boolean runs(String set) {
            return modelSet.equals("all") || modelSet.equals(set);
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
        Path upstream = o.upstreamBin() != null ? o.upstreamBin() : Upstream.build();
        System.out.printf(Locale.ROOT, "Juxta bench %s: %d cores, %d threads, %d tokens per stream, %d slots, java %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), o.threads(), o.tokens(), SLOTS,
                System.getProperty("java.version"));
        System.out.println("Upstream llama.cpp: " + upstream + " (" + Upstream.release() + ")");
        System.out.println("Both sides ignore end-of-text; greedy sampling (temperature 0), seed " + SEED + ".");
        List<Report> reports = new ArrayList<>();
        if (o.runs("tiny")) {
            reports.add(runModel("stories260K (overhead)", o.modelsDir().resolve("stories260K.gguf"), upstream, o));
        }
        if (o.runs("134m")) {
            reports.add(runModel("random llama 134M Q4_0",
                    randomModel(o.cacheDir(), RandomLlamaModel.Shape.LLAMA_134M), upstream, o));
        }
        if (o.runs("qwen3")) {
            reports.add(runModel("random qwen3 134M Q4_0",
                    randomModel(o.cacheDir(), RandomLlamaModel.Shape.LLAMA_134M.with(RandomArchitecture.QWEN3)),
                    upstream, o));
        }
        reports.forEach(Report::print);
        boolean failed = reports.stream().anyMatch(Report::failed);
        System.out.printf(Locale.ROOT, "%nbench took %.0f s; %s%n", (System.nanoTime() - start) / 1e9,
                failed ? "some targets FAILED" : "every target passed");
        System.exit(failed ? 1 : 0);
    }

    /** A random-weight model of {@code shape}, written once into the cache folder. */
    private static Path randomModel(Path cacheDir, RandomLlamaModel.Shape shape) throws Exception {
        Path file = cacheDir.resolve("random-" + shape.architecture().id() + "-" + shape.size() + "-seed" + SEED + ".gguf");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            Path partial = Files.createTempFile(cacheDir, "random-model-", ".partial");
            RandomLlamaModel.write(partial, shape, SEED);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "wrote %s (%d MiB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - t) / 1e9);
        }
        return file;
    }

    /**
     * Rounds alternate the sides, Juxta then upstream, each with a fresh engine or server, and the
     * report shows each figure's median over the rounds: on a shared 2-core machine the speed
     * drifts over minutes, and measuring one side entirely before the other let drift decide ratios.
     * Upstream's llama-bench runs get the prompt and depth token counts Juxta's engine measured for
     * the same texts (a chat template adds tokens), so both read the same number of tokens.
     */
    private static Report runModel(String title, Path file, Path upstream, Options o) throws Exception {
        System.out.println("-- " + title + ": " + file + " (load average " + loadAverage() + ")");
        ModelInfo info = ModelInfo.read(file);
        ModelOptions modelOptions = ModelOptions.defaults()
                .withContextLength(Math.min(ModelOptions.DEFAULT_CONTEXT, info.trainedContextLength()))
                .withMaxSessions(SLOTS).withThreads(o.threads());
        double temperature = 0;
        String label = file.getFileName().toString().replace(".gguf", "");
        List<Figures> juxta = new ArrayList<>();
        List<Figures> peer = new ArrayList<>();
        Workload w = null;
        long t = System.nanoTime();
        for (int round = 1; round <= o.rounds(); round++) {
            long loadStart = System.nanoTime();
            try (LlamaEngine engine = LlamaEngine.load(file, modelOptions)) {
                double loadMs = (System.nanoTime() - loadStart) / 1e6;
                if (w == null) {
                    w = workload(engine, file, o, engine.contextLength(), temperature);
                }
                Figures figures = Protocol.juxta(new JuxtaDriver(engine, w), w);
                figures.put(Figures.LOAD_MS, loadMs);
                juxta.add(figures);
            }
            System.out.printf(Locale.ROOT, "   round %d of %d: juxta done after %.0f s (load average %s); upstream...%n",
                    round, o.rounds(), (System.nanoTime() - t) / 1e9, loadAverage());
            peer.add(Upstream.measure(upstream, w, juxta.getFirst(), o.cacheDir().resolve("upstream-" + label)));
            System.out.printf(Locale.ROOT, "   round %d of %d: upstream done after %.0f s (load average %s)%n", round,
                    o.rounds(), (System.nanoTime() - t) / 1e9, loadAverage());
        }
        return report(title, info, w, Figures.mediansOf(juxta), Figures.mediansOf(peer), o.rounds());
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

    private static Report report(String title, ModelInfo info, Workload w, Figures j, Figures u, int rounds) {
        Report rep = new Report(String.format(Locale.ROOT, "%s: %s, %d threads, context %d x %d slots, %d tokens",
                title, info.quantization(), w.threads(), w.context(), w.slots(), w.tokens()));
        String tps = "%.1f";
        String ms = "%.1f";
        rep.info("load time (ms); upstream: llama-server -np 4 until ready", j.get(Figures.LOAD_MS), u.get(Figures.LOAD_MS), "%.0f");
        rep.info(String.format(Locale.ROOT, "warm-up rounds (until JIT < %.0f%% of a core)", 100 * Protocol.JIT_SETTLED_SHARE),
                j.get(Figures.WARM_UP_ROUNDS), u.get(Figures.WARM_UP_ROUNDS), "%.0f");
        double single = j.get(Figures.SINGLE_TPS);
        double serverSingle = u.get(Figures.SINGLE_TPS);
        rep.check("single stream (tok/s) vs llama-server 1 slot", single, serverSingle, tps,
                ">= 1.0x llama-server 1 slot", single >= serverSingle);
        rep.info("  tokens generated per stream", j.get(Figures.SINGLE_TOKENS), u.get(Figures.SINGLE_TOKENS), "%.0f");
        rep.info("  streams measured (median of)", j.get(Figures.SINGLE_SAMPLES), u.get(Figures.SINGLE_SAMPLES), "%.0f");
        rep.info("  JIT compilers meanwhile (% of a core)", j.get(Figures.SINGLE_JIT_PERCENT),
                u.get(Figures.SINGLE_JIT_PERCENT), "%.1f");
        for (int n : new int[] {1, 2, 4}) {
            String label = String.format(Locale.ROOT, "aggregate, %d session%s (tok/s) vs llama-server -np 4", n,
                    n == 1 ? "" : "s");
            double juxta = j.get(Figures.agg(Figures.AGG_TPS, n));
            double server = u.get(Figures.agg(Figures.AGG_TPS, n));
            if (n == 4) {
                rep.check(label, juxta, server, tps, ">= 1.0x llama-server -np 4", juxta >= server);
            } else {
                rep.info(label, juxta, server, tps);
            }
        }
        double agg4 = j.get(Figures.agg(Figures.AGG_TPS, 4));
        double batched = u.get(Figures.BATCHED_TG_TPS);
        rep.check("aggregate, 4 sessions (tok/s) vs batched-bench TG", agg4, batched, tps,
                String.format(Locale.ROOT, ">= 0.9x llama-batched-bench (%.1f)", 0.9 * batched), agg4 >= 0.9 * batched);
        rep.info("  tokens generated, 4 sessions", j.get(Figures.agg(Figures.AGG_TOKENS, 4)),
                u.get(Figures.agg(Figures.AGG_TOKENS, 4)), "%.0f");
        rep.info(String.format(Locale.ROOT, "TTFT fresh, %.0f-token prompt (ms)", j.get(Figures.FRESH_PROMPT_TOKENS)),
                j.get(Figures.TTFT_FRESH_MS), Double.NaN, ms);
        double longTtft = j.get(Figures.TTFT_LONG_MS);
        double benchLong = u.get(Figures.BENCH_LONG_MS);
        rep.check(String.format(Locale.ROOT, "TTFT fresh, %.0f tokens (ms) vs llama-bench pp+tg1",
                j.get(Figures.LONG_PROMPT_TOKENS)), longTtft, benchLong, ms,
                String.format(Locale.ROOT, "<= 1.1x llama-bench (%.1f)", 1.1 * benchLong), longTtft <= 1.1 * benchLong);
        rep.info("  same prompt on llama-server -np 4 (ms)", longTtft, u.get(Figures.TTFT_LONG_MS), ms);
        rep.info("  llama-bench prompt speed (tok/s)", Double.NaN, u.get(Figures.BENCH_LONG_PP_TPS), "%.0f");
        double turn2 = j.get(Figures.TTFT_TURN2_MS);
        double benchTurn2 = u.get(Figures.BENCH_TURN2_MS);
        rep.check(String.format(Locale.ROOT, "TTFT turn 2, %.0f new at depth %.0f (ms) vs llama-bench",
                j.get(Figures.TURN2_READ_TOKENS), j.get(Figures.TURN2_DEPTH_TOKENS)), turn2, benchTurn2, ms,
                String.format(Locale.ROOT, "<= 1.15x llama-bench (%.1f)", 1.15 * benchTurn2), turn2 <= 1.15 * benchTurn2);
        rep.info("stop: until stream() returns, p50 (ms)", j.get(Figures.STOP_P50_MS), Double.NaN, "%.2f");
        rep.info("stop: until stream() returns, p99 (ms)", j.get(Figures.STOP_P99_MS), Double.NaN, "%.2f");
        rep.info("stop: until the engine confirmed, p50 (ms)", j.get(Figures.STOP_CONFIRMED_P50_MS), Double.NaN, "%.2f");
        double p99 = j.get(Figures.STOP_CONFIRMED_P99_MS);
        rep.check(String.format(Locale.ROOT, "stop: until the engine confirmed, p99 (ms), %.0f stops",
                j.get(Figures.STOP_SAMPLES)), p99, Double.NaN, "%.2f", "< 20 ms", p99 < 20);
        rep.info("stop -> next stream's 1st token p50 (ms)", j.get(Figures.RESTART_P50_MS), Double.NaN, ms);
        double sendToAll = j.get(Figures.SEND_TO_ALL_MS);
        double serverSendToAll = u.get(Figures.SEND_TO_ALL_MS);
        rep.info(String.format(Locale.ROOT, "send to all, %.0f tokens x %d: last 1st token (ms)",
                j.get(Figures.LONG_PROMPT_TOKENS), w.slots()), sendToAll, serverSendToAll, ms);
        double share = sendToAll / longTtft;
        rep.check("  / one session's TTFT for that prompt (x)", share, serverSendToAll / u.get(Figures.TTFT_LONG_MS),
                "%.2f", "<= 1.30", share <= 1.3);
        double kvMib = info.kvBytesPerToken() * (double) w.context() / (1 << 20);
        double rss1 = j.get(Figures.RSS1_MB);
        double rss4 = j.get(Figures.RSS4_MB);
        double bound = (rss1 + 4 * kvMib) * 1.1;
        rep.info("RSS, 1 session (MiB)", rss1, u.get(Figures.RSS1_MB), "%.0f");
        rep.check("RSS, 4 sessions (MiB)", rss4, u.get(Figures.RSS4_MB), "%.0f",
                String.format(Locale.ROOT, "<= (rss1 + 4 x %.1f KV) x 1.1 = %.0f", kvMib, bound), rss4 <= bound);
        rep.note(String.format(Locale.ROOT, "each figure: the median of %d round%s, sides alternating (juxta, upstream, "
                + "juxta, ...).", rounds, rounds == 1 ? "" : "s"));
        rep.note("ratio = juxta / upstream. Upstream: llama-server with 1 slot (single stream) or -np 4 (aggregates, "
                + "TTFT on the server, send to all, RSS), llama-bench (pp + tg1, mean of its 5 repetitions), "
                + "llama-batched-bench (-npl 4 TG speed).");
        rep.note("Stop: from cancel() on another thread; 'confirmed' until the session's next stream, started at once, "
                + "got its slot back, which the bridge frees only on the engine's Done for the stopped request.");
        rep.note("JIT: Juxta's two JVMs (the bench's and the engine's); upstream's: the bench's, which reads the streams.");
        rep.note("Send to all: the ratio column compares the two sides' own ratios; llama-server reads the prompt once "
                + "per slot.");
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
}
