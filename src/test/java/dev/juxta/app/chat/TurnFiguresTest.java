package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.llama.StopReason;
import dev.juxta.llama.StreamStats;
import org.junit.jupiter.api.Test;

/** How an ended answer's figures read, under the answer and in the pane's status line. */
class TurnFiguresTest {

    private static StreamStats stats(int generated, long ttft, StopReason reason, int dropped) {
        return new StreamStats(40, 12, generated, ttft, 123.456, reason, dropped, 2048);
    }

    @Test
    void theLineGivesTokensRateFirstTokenContextAndWhyItEnded() {
        assertEquals("25 tokens · 123.5 tok/s · first token 87 ms · context 65/2048 · end of text",
                TurnFigures.endedLine(stats(25, 87, StopReason.END_OF_TEXT, 0), ChatState.IDLE));
        assertEquals("1 token · 123.5 tok/s · first token 87 ms · context 41/2048 · max tokens",
                TurnFigures.endedLine(stats(1, 87, StopReason.MAX_TOKENS, 0), ChatState.IDLE));
    }

    @Test
    void noFirstTokenIsADashAndDroppedTurnsAreCounted() {
        assertEquals("0 tokens · 123.5 tok/s · first token - · context 40/2048 · error · 3 old turns dropped",
                TurnFigures.endedLine(stats(0, -1, StopReason.ERROR, 3), ChatState.ERROR));
    }

    @Test
    void theStatusLineDoesNotRepeatTheStateItStartsWith() {
        StreamStats stopped = stats(5, 10, StopReason.CANCELLED, 0);
        assertEquals("5 tokens · 123.5 tok/s · first token 10 ms · context 45/2048 · stopped",
                TurnFigures.endedLine(stopped, ChatState.STOPPED));
        assertEquals("5 tokens · 123.5 tok/s · first token 10 ms · context 45/2048",
                TurnFigures.endedStatus(stopped, ChatState.STOPPED));
        assertEquals("5 tokens · 123.5 tok/s · first token 10 ms · context 45/2048 · context full",
                TurnFigures.endedStatus(stats(5, 10, StopReason.CONTEXT_FULL, 0), ChatState.IDLE));
    }
}
