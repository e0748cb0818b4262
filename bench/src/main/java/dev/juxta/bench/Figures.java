package dev.juxta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named figures of one side of a comparison, and the small statistics both sides use. */
final class Figures {
    static final String LOAD_MS = "load_ms";
    static final String SINGLE_TPS = "single_tps";
    static final String SINGLE_TOKENS = "single_tokens";
    static final String SINGLE_JIT_PERCENT = "single_jit_percent";
    static final String SINGLE_SAMPLES = "single_samples";
    static final String WARM_UP_ROUNDS = "warm_up_rounds";
    static final String AGG_TPS = "agg%d_tps";
    static final String AGG_TOKENS = "agg%d_tokens";
    static final String TTFT_FRESH_MS = "ttft_fresh_ms";
    static final String FRESH_PROMPT_TOKENS = "fresh_prompt_tokens";
    static final String TTFT_LONG_MS = "ttft_long_ms";
    static final String LONG_PROMPT_TOKENS = "long_prompt_tokens";
    static final String TTFT_TURN2_MS = "ttft_turn2_ms";
    /** Tokens the sequence held before turn 2 (its depth). */
    static final String TURN2_DEPTH_TOKENS = "turn2_depth_tokens";
    /** Tokens turn 2 actually read (llama.cpp's count, through the engine). */
    static final String TURN2_READ_TOKENS = "turn2_read_tokens";
    static final String SEND_TO_ALL_MS = "send_to_all_ms";
    static final String STOP_P50_MS = "stop_p50_ms";
    static final String STOP_P99_MS = "stop_p99_ms";
    static final String STOP_CONFIRMED_P50_MS = "stop_confirmed_p50_ms";
    static final String STOP_CONFIRMED_P99_MS = "stop_confirmed_p99_ms";
    static final String STOP_SAMPLES = "stop_samples";
    static final String RESTART_P50_MS = "restart_p50_ms";
    static final String RSS1_MB = "rss1_mb";
    static final String RSS4_MB = "rss4_mb";
    /** llama-batched-bench: generation tok/s of all sequences together. */
    static final String BATCHED_TG_TPS = "batched_tg_tps";
    /** llama-bench: reading the fresh long prompt plus one generated token, in ms. */
    static final String BENCH_LONG_MS = "bench_long_ms";
    static final String BENCH_LONG_PP_TPS = "bench_long_pp_tps";
    /** llama-bench: turn 2's tokens at turn 2's depth plus one generated token there, in ms. */
    static final String BENCH_TURN2_MS = "bench_turn2_ms";

    private final Map<String, Double> values = new LinkedHashMap<>();

    static String agg(String pattern, int sessions) {
        return pattern.formatted(sessions);
    }

    void put(String key, double value) {
        values.put(key, value);
    }

    double get(String key) {
        return values.getOrDefault(key, Double.NaN);
    }

    void putAll(Figures other) {
        values.putAll(other.values);
    }

    /** Per figure, the median over several runs of one side. */
    static Figures mediansOf(List<Figures> runs) {
        Figures medians = new Figures();
        for (String key : runs.getFirst().values.keySet()) {
            medians.put(key, median(runs.stream().map(run -> run.get(key)).toList()));
        }
        return medians;
    }

    /** The middle value, or the mean of the two middle values of an even count; NaN when empty. */
    static double median(List<Double> samples) {
        double[] sorted = sorted(samples);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile; NaN when empty. */
    static double percentile(List<Double> samples, double p) {
        double[] sorted = sorted(samples);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double[] sorted(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** VmRSS of a process in MiB, from /proc; NaN where that is unreadable. */
    static double rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
