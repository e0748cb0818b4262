package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.compare.Divergence.Answer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceTest {

    private static Optional<Divergence> between(Answer left, Answer right) {
        return Divergence.between(left, right, WordDiff.of(left.text(), right.text()));
    }

    private static Answer withTokens(String text, boolean finished, String... tokens) {
        return new Answer(text, TokenSpans.align(text, TokenSpansTest.tokens(tokens), finished).orElseThrow(), finished);
    }

    private static Answer words(String text, boolean finished) {
        return new Answer(text, List.of(), finished);
    }

    @Test
    void byTokensTheFirstDifferingTokenIsMarkedInBoth() {
        Answer left = withTokens("Once upon a time", true, "Once", " upon", " a", " time");
        Answer right = withTokens("Once upon the hill", true, "Once", " upon", " the", " hill");
        assertEquals(Optional.of(new Divergence(9, 11, 9, 13, true)), between(left, right));
    }

    @Test
    void byTokensTheDifferenceCanBeInsideAWord() {
        Answer left = withTokens("Sunshine", true, "Sun", "shine");
        Answer right = withTokens("Sunday", true, "Sun", "day");
        assertEquals(Optional.of(new Divergence(3, 8, 3, 6, true)), between(left, right));
    }

    @Test
    void withoutTokensTheFirstDifferingWordIsMarked() {
        assertEquals(Optional.of(new Divergence(4, 7, 4, 7, false)), between(words("the cat sat", true), words("the dog sat", true)));
    }

    @Test
    void identicalAnswersAndAnswersThatAgreeSoFarHaveNone() {
        assertTrue(between(words("the cat sat", true), words("the cat sat", true)).isEmpty());
        assertTrue(between(words("the cat", false), words("the cat sat", true)).isEmpty(), "the left one is still coming");
        assertTrue(between(words("the ca", false), words("the cat sat", true)).isEmpty(), "a word half streamed is no difference yet");
        Answer shorter = withTokens("Once upon", false, "Once", " upon");
        Answer longer = withTokens("Once upon a", false, "Once", " upon", " a");
        assertTrue(between(shorter, longer).isEmpty());
    }

    @Test
    void anEmptyOrShorterFinishedAnswerDivergesWhereItEnds() {
        assertEquals(Optional.of(new Divergence(0, 0, 0, 5, false)), between(words("", true), words("hello", true)));
        Answer shorter = withTokens("Once upon", true, "Once", " upon");
        Answer longer = withTokens("Once upon a", true, "Once", " upon", " a");
        assertEquals(Optional.of(new Divergence(9, 9, 9, 11, true)), between(shorter, longer));
    }
}
