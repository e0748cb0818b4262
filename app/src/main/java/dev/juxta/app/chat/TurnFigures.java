package dev.juxta.app.chat;

import java.util.Locale;

/**
 * The figures shown for a turn while its answer streams, counted by the pane; once it has ended the
 * pane shows the engine's exact ones instead. FX thread only.
 */
final class TurnFigures {
    private final long sentAt = System.nanoTime();
    private final long deltasAtStart;
    private long firstDeltaAt;
    /** The prompt in tokens and the session's context length; 0 until the engine says. */
    private long promptTokens;
    private long contextLength;

    /** {@code deltasAtStart}: the pane's delta count when the turn was sent. */
    TurnFigures(long deltasAtStart) {
        this.deltasAtStart = deltasAtStart;
    }

    void prompt(long promptTokens, long contextLength) {
        this.promptTokens = promptTokens;
        this.contextLength = contextLength;
    }

    /** Text of the answer reached the screen. */
    void shown() {
        if (firstDeltaAt == 0) {
            firstDeltaAt = System.nanoTime();
        }
    }

    /** The line while streaming, with the pane's delta count now. */
    String live(long deltasReceived) {
        long tokens = deltasReceived - deltasAtStart;
        double seconds = (System.nanoTime() - firstDeltaAt) / 1e9;
        long ttft = (firstDeltaAt - sentAt) / 1_000_000;
        String line = String.format(Locale.ROOT, "%d tokens · %.1f tok/s · first token %d ms",
                tokens, seconds > 0 ? tokens / seconds : 0.0, ttft);
        // Deltas count tokens closely enough while streaming (a token that ends inside a character
        // comes with the next one); the line at the end has the engine's exact figures.
        return promptTokens > 0 ? line + " · context " + (promptTokens + tokens) + "/" + contextLength : line;
    }
}
