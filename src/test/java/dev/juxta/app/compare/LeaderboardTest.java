package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.compare.Vote.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The leaderboard's figures against values worked out by hand (z = 1.96, z² = 3.8415). */
class LeaderboardTest {
    private static final double EPS = 1e-4;

    @Test
    void noDecidedVotesGiveNoWinRateAndTheWholeInterval() {
        List<LeaderboardRow> rows = Leaderboard.of(List.of(vote("x", "y", Verdict.BOTH_BAD)), Function.identity());
        LeaderboardRow x = row(rows, "x");
        assertEquals(1, x.votes());
        assertEquals(1, x.bothBad());
        assertEquals(0, x.decided());
        assertTrue(x.winRate().isEmpty());
        assertEquals(0, x.low());
        assertEquals(1, x.high());
        assertEquals(List.of(), Leaderboard.of(List.of(), Function.identity()), "no votes, no rows");
    }

    @Test
    void oneWinOfOne() {
        // p = 1, n = 1: centre (1 + 1.9207) / 4.8415 = 0.60326, half 1.96 / 4.8415 · √(3.8415 / 4) = 0.39672.
        List<LeaderboardRow> rows = Leaderboard.of(List.of(vote("x", "y", Verdict.A)), Function.identity());
        LeaderboardRow x = row(rows, "x");
        assertEquals(1.0, x.winRate().getAsDouble());
        assertEquals(0.2065, x.low(), EPS);
        assertEquals(1.0, x.high(), "the upper end stays at 1, rounding or not");
        LeaderboardRow y = row(rows, "y");
        assertEquals(0.0, y.winRate().getAsDouble());
        assertEquals(0.0, y.low(), 1e-12);
        assertEquals(0.7935, y.high(), EPS);
        assertEquals(List.of("x", "y"), rows.stream().map(LeaderboardRow::key).toList(), "the winner first");
    }

    @Test
    void allWinsOfThree() {
        // p = 1, n = 3: centre (1 + 0.6402) / 2.2805 = 0.71929, half 0.85946 · √(3.8415 / 36) = 0.28075.
        List<Vote> votes = List.of(vote("x", "y", Verdict.A), vote("y", "x", Verdict.B), vote("x", "z", Verdict.A));
        LeaderboardRow x = row(Leaderboard.of(votes, Function.identity()), "x");
        assertEquals(3, x.wins());
        assertEquals(1.0, x.winRate().getAsDouble());
        assertEquals(0.4385, x.low(), EPS);
        assertEquals(1.0, x.high());
    }

    @Test
    void aMixWithTiesCountsATieAsHalfAWinAndLeavesBothBadOut() {
        // x: 3 wins, 2 ties, 1 loss, 1 both bad: score 4 of 6 decided, p = 2/3;
        // centre (0.66667 + 0.32013) / 1.64025 = 0.60162, half 1.19494 · √(0.037037 + 0.026678) = 0.30162.
        List<Vote> votes = new ArrayList<>();
        votes.add(vote("x", "y", Verdict.A));
        votes.add(vote("y", "x", Verdict.B));
        votes.add(vote("x", "z", Verdict.A));
        votes.add(vote("x", "y", Verdict.TIE));
        votes.add(vote("z", "x", Verdict.TIE));
        votes.add(vote("x", "z", Verdict.B));
        votes.add(vote("x", "y", Verdict.BOTH_BAD));
        List<LeaderboardRow> rows = Leaderboard.of(votes, key -> "label of " + key);
        LeaderboardRow x = row(rows, "x");
        assertEquals("label of x", x.label());
        assertEquals(List.of(7, 3, 2, 1, 1), List.of(x.votes(), x.wins(), x.ties(), x.losses(), x.bothBad()));
        assertEquals(2.0 / 3, x.winRate().getAsDouble(), 1e-12);
        assertEquals(0.3000, x.low(), EPS);
        assertEquals(0.9032, x.high(), EPS);
        // y: 2 losses, 1 tie, 1 both bad: score 0.5 of 3.
        LeaderboardRow y = row(rows, "y");
        assertEquals(List.of(4, 0, 1, 2, 1), List.of(y.votes(), y.wins(), y.ties(), y.losses(), y.bothBad()));
        assertEquals(1.0 / 6, y.winRate().getAsDouble(), 1e-12);
        for (LeaderboardRow row : rows) {
            assertTrue(row.low() >= 0 && row.low() <= row.winRate().orElse(0) && row.high() <= 1, row.toString());
        }
    }

    @Test
    void aVoteBetweenAConfigurationAndItselfSaysNothing() {
        assertEquals(List.of(), Leaderboard.of(List.of(vote("x", "x", Verdict.A)), Function.identity()));
    }

    @Test
    void theIntervalStaysInsideZeroToOne() {
        for (int n = 1; n <= 50; n++) {
            for (int wins = 0; wins <= 2 * n; wins++) {
                double[] interval = Leaderboard.wilson(wins / 2.0, n);
                double p = wins / 2.0 / n;
                assertTrue(interval[0] >= 0 && interval[0] <= p && p <= interval[1] && interval[1] <= 1,
                        wins / 2.0 + " of " + n + ": " + interval[0] + " – " + interval[1]);
            }
        }
    }

    private static Vote vote(String a, String b, Verdict verdict) {
        return new Vote(a, b, verdict, Instant.EPOCH);
    }

    private static LeaderboardRow row(List<LeaderboardRow> rows, String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }
}
