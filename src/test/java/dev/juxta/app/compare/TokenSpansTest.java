package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.compare.TokenSpans.TokenSpan;
import dev.juxta.llama.TokenChoice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSpansTest {
    static final String PART = "\uFFFD";

    static List<TokenChoice> tokens(String... texts) {
        return Arrays.stream(texts).map(t -> new TokenChoice(t, 0.5f, List.of())).toList();
    }

    /** Each span as "start-end:text", the token's own text after the colon. */
    static List<String> placed(String answer, List<TokenSpan> spans) {
        return spans.stream().map(s -> s.start() + "-" + s.end() + ":" + s.token().text()).toList();
    }

    @Test
    void cleanTokensFollowEachOther() {
        String answer = "Once upon";
        assertEquals(List.of("0-4:Once", "4-9: upon"),
                placed(answer, TokenSpans.align(answer, tokens("Once", " upon"), true).orElseThrow()));
    }

    @Test
    void tokensThatArePartsOfACharacterBecomeOneSpanOfTheirFirstToken() {
        String answer = "a 😀 b";
        List<TokenChoice> tokens = List.of(new TokenChoice("a", 1, List.of()), new TokenChoice(" ", 1, List.of()),
                new TokenChoice(PART, 0.3f, List.of()), new TokenChoice(PART, 0.9f, List.of()), new TokenChoice(" b", 1, List.of()));
        List<TokenSpan> spans = TokenSpans.align(answer, tokens, true).orElseThrow();
        assertEquals(List.of("0-1:a", "1-2: ", "2-4:" + PART, "4-6: b"), placed(answer, spans));
        assertEquals(0.3f, spans.get(2).token().probability(), "the run is its first token");
        assertEquals("😀", spans.get(2).text(answer));
    }

    @Test
    void aForksGivenStartHasNoTokensSoTheyAreAlignedFromTheEnd() {
        String answer = "Once upon a time";
        assertEquals(List.of("9-11: a", "11-16: time"),
                placed(answer, TokenSpans.align(answer, tokens(" a", " time"), true).orElseThrow()));
        String emoji = "Hi 😀!";
        List<TokenSpan> spans = TokenSpans.align(emoji, tokens(PART, PART, "!"), true).orElseThrow();
        assertEquals(List.of("3-5:" + PART, "5-6:!"), placed(emoji, spans));
    }

    @Test
    void whileStreamingTheTokensMayRunAheadOfTheText() {
        String answer = "Once up";
        assertEquals(List.of("0-4:Once", "4-7: up"),
                placed(answer, TokenSpans.align(answer, tokens("Once", " up", "on"), false).orElseThrow()));
    }

    @Test
    void tokensThatDoNotFitTheAnswerAreNotPlaced() {
        assertTrue(TokenSpans.align("Once upon", tokens("Twice"), true).isEmpty());
        assertTrue(TokenSpans.align("Once upon", List.of(), true).isEmpty());
        assertTrue(TokenSpans.align("Given start then", tokens(" then"), false).isEmpty(), "a streaming fork waits for its end");
    }
}
