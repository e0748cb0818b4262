package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.compare.TokenSpans.TokenSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSpansTest {
    static final String PART = "\uFFFD";

    static List<String> tokens(String... texts) {
        return List.of(texts);
    }

    /** Each span as "start-end:index". */
    static List<String> placed(String answer, List<TokenSpan> spans) {
        return spans.stream().map(s -> s.start() + "-" + s.end() + ":" + s.token()).toList();
    }

    @Test
    void cleanTokensFollowEachOther() {
        String answer = "Once upon";
        assertEquals(List.of("0-4:0", "4-9:1"),
                placed(answer, TokenSpans.align(answer, tokens("Once", " upon"), true).orElseThrow()));
    }

    @Test
    void tokensThatArePartsOfACharacterBecomeOneSpanOfTheirFirstToken() {
        String answer = "a 😀 b";
        List<TokenSpan> spans = TokenSpans.align(answer, tokens("a", " ", PART, PART, " b"), true).orElseThrow();
        assertEquals(List.of("0-1:0", "1-2:1", "2-4:2", "4-6:4"), placed(answer, spans), "the run is its first token");
        assertEquals("😀", spans.get(2).text(answer));
    }

    @Test
    void aForksGivenStartHasNoTokensSoTheyAreAlignedFromTheEnd() {
        String answer = "Once upon a time";
        assertEquals(List.of("9-11:0", "11-16:1"),
                placed(answer, TokenSpans.align(answer, tokens(" a", " time"), true).orElseThrow()));
        String emoji = "Hi 😀!";
        List<TokenSpan> spans = TokenSpans.align(emoji, tokens(PART, PART, "!"), true).orElseThrow();
        assertEquals(List.of("3-5:0", "5-6:2"), placed(emoji, spans));
    }

    @Test
    void whileStreamingTheTokensMayRunAheadOfTheText() {
        String answer = "Once up";
        assertEquals(List.of("0-4:0", "4-7:1"),
                placed(answer, TokenSpans.align(answer, tokens("Once", " up", "on"), false).orElseThrow()));
    }

    @Test
    void tokensThatDoNotFitTheAnswerAreNotPlaced() {
        assertTrue(TokenSpans.align("Once upon", tokens("Twice"), true).isEmpty());
        assertTrue(TokenSpans.align("Once upon", List.of(), true).isEmpty());
        assertTrue(TokenSpans.align("Given start then", tokens(" then"), false).isEmpty(), "a streaming fork waits for its end");
    }
}
