package dev.juxta.app.compare;

import static dev.juxta.app.compare.WordDiff.Kind.DELETED;
import static dev.juxta.app.compare.WordDiff.Kind.EQUAL;
import static dev.juxta.app.compare.WordDiff.Kind.INSERTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.app.compare.WordDiff.Kind;
import dev.juxta.app.compare.WordDiff.Segment;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordDiffTest {

    @Test
    void aChangedWordIsDeletedThenInsertedBetweenEqualText() {
        assertEquals(List.of(new Segment(EQUAL, "the "), new Segment(DELETED, "cat"), new Segment(INSERTED, "dog"),
                new Segment(EQUAL, " sat.")), WordDiff.of("the cat sat.", "the dog sat."));
    }

    @Test
    void identicalTextsAreOneEqualSegment() {
        assertEquals(List.of(new Segment(EQUAL, "Once upon a time.")), WordDiff.of("Once upon a time.", "Once upon a time."));
    }

    @Test
    void emptyAndOneSidedAnswers() {
        assertEquals(List.of(), WordDiff.of("", ""));
        assertEquals(List.of(new Segment(INSERTED, "only right")), WordDiff.of("", "only right"));
        assertEquals(List.of(new Segment(DELETED, "only left")), WordDiff.of("only left", ""));
    }

    @Test
    void whitespaceRunsAreTheirOwnPieces() {
        assertEquals(List.of("a", "  ", "b", "\n\n", "c", " ", "d"), WordDiff.pieces("a  b\n\nc d"));
        assertEquals(List.of(new Segment(EQUAL, "a"), new Segment(DELETED, "  "), new Segment(INSERTED, " "), new Segment(EQUAL, "b")),
                WordDiff.of("a  b", "a b"));
        assertEquals(List.of(new Segment(EQUAL, "end."), new Segment(INSERTED, "\n")), WordDiff.of("end.", "end.\n"));
    }

    @Test
    void punctuationMarksStandAlone() {
        assertEquals(List.of("Hello", ",", " ", "world", "!", "!"), WordDiff.pieces("Hello, world!!"));
    }

    @Test
    void combiningMarksStayWithTheirLetter() {
        String naive = "nai\u0308ve"; // i + combining diaeresis
        assertEquals(List.of(naive, " ", "caf\u0301e"), WordDiff.pieces(naive + " caf\u0301e"));
        assertEquals(List.of(new Segment(DELETED, "naive"), new Segment(INSERTED, naive)), WordDiff.of("naive", naive));
    }

    @Test
    void surrogatePairsAndEmojiSequencesAreNeverCut() {
        String family = "👩\u200D👩\u200D👧";
        assertEquals(List.of("I", " ", "❤\uFE0F", " ", "🐱", " ", family, " ", "👍🏽"), WordDiff.pieces("I ❤\uFE0F 🐱 " + family + " 👍🏽"));
        assertEquals(List.of(new Segment(EQUAL, "I love "), new Segment(DELETED, "🐱"), new Segment(INSERTED, "🐶")),
                WordDiff.of("I love 🐱", "I love 🐶"));
        assertEquals(List.of("𝒜𝒷𝒸"), WordDiff.pieces("𝒜𝒷𝒸"), "mathematical letters outside the BMP are one word");
    }

    @Test
    void eachIdeographIsAWord() {
        assertEquals(List.of("我", "爱", "猫", "。"), WordDiff.pieces("我爱猫。"));
        assertEquals(List.of(new Segment(EQUAL, "我爱"), new Segment(DELETED, "猫"), new Segment(INSERTED, "狗"), new Segment(EQUAL, "。")),
                WordDiff.of("我爱猫。", "我爱狗。"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the cat sat on the mat|a cat sat on a mat today",
            "  leading and trailing  |leading and trailing",
            "我爱猫 and 🐱|我爱狗 and 🐶🐶",
            "one|two",
    })
    void theSegmentsGiveBothTextsBack(String left, String right) {
        List<Segment> segments = WordDiff.of(left, right);
        assertEquals(left, join(segments, DELETED));
        assertEquals(right, join(segments, INSERTED));
    }

    private static String join(List<Segment> segments, Kind side) {
        return segments.stream().filter(s -> s.kind() == EQUAL || s.kind() == side).map(Segment::text).collect(Collectors.joining());
    }
}
