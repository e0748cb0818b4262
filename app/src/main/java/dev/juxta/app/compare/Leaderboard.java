package dev.juxta.app.compare;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The figures of the leaderboard, from the votes. A tie counts half a win for each side; "both
 * bad" says nothing about which side is better, so it stays out of the win rate and is shown
 * beside it. The interval is Wilson's score interval at 95% over the decided votes (with a tie's
 * half win as a fractional success): unlike the plain p ± 1.96·√(p(1−p)/n) it stays inside [0, 1]
 * and is not zero-wide after a few unanimous votes. Configurations are ranked by the interval's
 * lower end, so three wins of three do not outrank thirty of forty.
 */
public final class Leaderboard {
    static final double Z = 1.959963984540054;
    /** Where each outcome is counted in a configuration's tally. */
    private static final int WIN = 0;
    private static final int LOSS = 1;
    private static final int TIE = 2;
    private static final int BOTH_BAD = 3;

    private Leaderboard() {
    }

    /**
     * One row per configuration that was in a vote. A vote whose two sides are the same
     * configuration is left out: it cannot say which is better.
     */
    public static List<LeaderboardRow> of(List<Vote> votes, Function<String, String> labelOf) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Vote vote : votes) {
            if (vote.configA().equals(vote.configB())) {
                continue;
            }
            int[] a = counts.computeIfAbsent(vote.configA(), k -> new int[4]);
            int[] b = counts.computeIfAbsent(vote.configB(), k -> new int[4]);
            switch (vote.verdict()) {
                case A -> { a[WIN]++; b[LOSS]++; }
                case B -> { b[WIN]++; a[LOSS]++; }
                case TIE -> { a[TIE]++; b[TIE]++; }
                case BOTH_BAD -> { a[BOTH_BAD]++; b[BOTH_BAD]++; }
            }
        }
        return counts.entrySet().stream()
                .map(e -> row(e.getKey(), labelOf.apply(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingDouble(LeaderboardRow::low).reversed()
                        .thenComparing(Comparator.comparingInt(LeaderboardRow::votes).reversed())
                        .thenComparing(LeaderboardRow::label))
                .toList();
    }

    private static LeaderboardRow row(String key, String label, int[] n) {
        int decided = n[WIN] + n[TIE] + n[LOSS];
        double score = n[WIN] + n[TIE] / 2.0;
        double[] interval = wilson(score, decided);
        return new LeaderboardRow(key, label, decided + n[BOTH_BAD], n[WIN], n[TIE], n[LOSS], n[BOTH_BAD],
                decided == 0 ? OptionalDouble.empty() : OptionalDouble.of(score / decided), interval[0], interval[1]);
    }

    /** Wilson's 95% score interval for {@code successes} of {@code n}; with no trials, all of [0, 1]. */
    static double[] wilson(double successes, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // The interval holds p and lies in [0, 1]; rounding can put an end a hair outside when p is 0 or 1.
        return new double[] {Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half))};
    }
}
