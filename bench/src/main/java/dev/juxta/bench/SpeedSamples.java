package dev.juxta.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The repetitions of one speed measurement: each one's rate and token count. Both figures are
 * medians over all repetitions, so the token count describes the same runs as the rate.
 */
final class SpeedSamples {
    private final List<Double> rates = new ArrayList<>();
    private final List<Double> tokens = new ArrayList<>();

    void add(double tokensPerSecond, long tokenCount) {
        rates.add(tokensPerSecond);
        tokens.add((double) tokenCount);
    }

    double medianRate() {
        return Figures.median(rates);
    }

    double medianTokens() {
        return Figures.median(tokens);
    }

    int size() {
        return rates.size();
    }
}
