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
    static final String AGG4_COMPLETE_TPS = "agg4_complete_tps";
    static final String TTFT_FRESH_MS = "ttft_fresh_ms";
    static final String TTFT_TURN2_MS = "ttft_turn2_ms";
    static final String TTFT_TURN2_AT_ONCE_MS = "ttft_turn2_at_once_ms";
    static final String TTFT_TURN2_LONG_ANSWER_MS = "ttft_turn2_long_answer_ms";
    static final String FRESH_PROMPT_TOKENS = "fresh_prompt_tokens";
    static final String HISTORY_TOKENS = "history_tokens";
    static final String STOP_P50_MS = "stop_p50_ms";
    static final String STOP_P99_MS = "stop_p99_ms";
    static final String STOP_SAMPLES = "stop_samples";
    static final String RESTART_P50_MS = "restart_p50_ms";
    static final String RSS1_MB = "rss1_mb";
    static final String RSS4_MB = "rss4_mb";

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

    Map<String, Double> asMap() {
        return values;
    }

    /** Per figure, the median over several runs of one side. */
    static Figures mediansOf(List<Figures> runs) {
        Figures medians = new Figures();
        for (String key : runs.getFirst().values.keySet()) {
            medians.put(key, median(runs.stream().map(run -> run.get(key)).toList()));
        }
        return medians;
    }

    static double median(List<Double> samples) {
        return percentile(samples, 50);
    }

    /** Nearest-rank percentile; NaN when empty. */
    static double percentile(List<Double> samples, double p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
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
