package dev.juxta.app.compare;

import java.util.OptionalDouble;

/**
 * One configuration's standing.
 *
 * @param key      the configuration's key, as the votes store it
 * @param label    how the leaderboard names it
 * @param votes    every vote it was in, both-bad ones included
 * @param winRate  (wins + ties / 2) / (wins + ties + losses); empty while that is 0
 * @param low      lower end of the 95% Wilson score interval of the win rate
 * @param high     upper end of it
 */
public record LeaderboardRow(String key, String label, int votes, int wins, int ties, int losses, int bothBad,
                             OptionalDouble winRate, double low, double high) {

    /** The votes that said which of the two was better: ties count, both-bad does not. */
    public int decided() {
        return wins + ties + losses;
    }
}
