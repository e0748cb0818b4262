package dev.juxta.app.chat;

import dev.juxta.llama.StreamStats;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The figures shown for a turn: while its answer streams, counted by the pane from its
 * {@link DeltaBuffer}; once it has ended, the bridge's exact ones, measured the same way (first token
 * from the call to {@code stream}, tokens/s from the first token on). FX thread only.
 */
final class TurnFigures {
    /**
     * The live line changes 4 times a second at 60 frames a second: figures that change every
     * frame cannot be read, and each change lays out two labels per pane.
     */
    static final int FRAMES_PER_REFRESH = 15;

    private final DeltaBuffer buffer;
    private final LongSupplier clock;
    private final long deltasAtStart;
    private boolean refreshed;
    private int framesSinceRefresh;
    /** The prompt in tokens and the session's context length; 0 until the engine says. */
    private long promptTokens;
    private long contextLength;

    /** Made when the turn is sent, before its stream starts. */
    TurnFigures(DeltaBuffer buffer, LongSupplier clock) {
        this.buffer = buffer;
        this.clock = clock;
        this.deltasAtStart = buffer.deltasReceived();
    }

    void prompt(long promptTokens, long contextLength) {
        this.promptTokens = promptTokens;
        this.contextLength = contextLength;
    }

    /**
     * Called every frame while the turn runs: whether to show the live line now. It is due as soon
     * as the first delta has come, then every {@value #FRAMES_PER_REFRESH} frames.
     */
    boolean refreshDue() {
        framesSinceRefresh++;
        if (buffer.firstDeltaNanos() == 0 || refreshed && framesSinceRefresh < FRAMES_PER_REFRESH) {
            return false;
        }
        refreshed = true;
        framesSinceRefresh = 0;
        return true;
    }

    /** "1 token", "2 tokens". */
    static String tokens(long count) {
        return count + (count == 1 ? " token" : " tokens");
    }

    /** The line while streaming; called once the turn's first delta has come. */
    String live() {
        long tokens = buffer.deltasReceived() - deltasAtStart;
        long firstDeltaAt = buffer.firstDeltaNanos();
        double seconds = (clock.getAsLong() - firstDeltaAt) / 1e9;
        long ttft = (firstDeltaAt - buffer.turnStartNanos()) / 1_000_000;
        String line = String.format(Locale.ROOT, "%s · %.1f tok/s · first token %d ms",
                tokens(tokens), seconds > 0 ? tokens / seconds : 0.0, ttft);
        // Deltas count tokens closely enough while streaming (a token that ends inside a character
        // comes with the next one); the line at the end has the engine's exact figures.
        return promptTokens > 0 ? line + " · context " + (promptTokens + tokens) + "/" + contextLength : line;
    }

    /** The line under an ended answer: its figures and why it ended. */
    static String endedLine(StreamStats stats, ChatState end) {
        return line(stats, ending(stats, end));
    }

    /**
     * The same for the pane's status line, which starts with the state: "stopped · … · stopped"
     * would say it twice, so an ending that is the state is left out.
     */
    static String endedStatus(StreamStats stats, ChatState end) {
        String ending = ending(stats, end);
        return line(stats, ending.equals(end.label()) ? null : ending);
    }

    private static String ending(StreamStats stats, ChatState end) {
        return switch (end) {
            case STOPPED, ERROR -> end.label();
            default -> stats.stopReason() == null ? "done" : stats.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String line(StreamStats stats, String ending) {
        String line = String.format(Locale.ROOT, "%s · %.1f tok/s · first token %s · context %d/%d",
                tokens(stats.generatedTokens()), stats.tokensPerSecond(),
                stats.timeToFirstTokenMillis() < 0 ? "-" : stats.timeToFirstTokenMillis() + " ms",
                stats.contextUsed(), stats.contextLength());
        if (ending != null) {
            line += " · " + ending;
        }
        return stats.turnsDropped() > 0 ? line + " · " + stats.turnsDropped() + " old turns dropped" : line;
    }
}
