package dev.juxta.llama;

import java.util.List;

/**
 * One generated token as the model saw it, for comparing answers: its text, the probability the
 * model gave it, and the likeliest tokens at that point. Probabilities are the model's own
 * distribution (softmax of its logits), before temperature, top-k, top-p and min-p.
 *
 * @param text         the token's text; a token that is part of a character shows U+FFFD
 * @param probability  in [0, 1]
 * @param alternatives the likeliest tokens, likeliest first (the chosen one among them when it was)
 */
public record TokenChoice(String text, float probability, List<Alternative> alternatives) {

    public TokenChoice {
        alternatives = List.copyOf(alternatives);
    }

    /** A token the model could have chosen. */
    public record Alternative(String text, float probability) {
    }
}
