package dev.juxta.app.chat;

import dev.juxta.llama.StopReason;
import dev.juxta.llama.StreamStats;

/**
 * An ended answer's figures, as the bridge measured them.
 *
 * @param promptTokens           tokens of the rendered prompt
 * @param tokens                 tokens generated
 * @param timeToFirstTokenMillis from sending to the first token; -1 when none came
 * @param tokensPerSecond        after the first token
 * @param stopReason             why it ended
 */
public record AnswerFigures(int promptTokens, int tokens, long timeToFirstTokenMillis, double tokensPerSecond,
                            StopReason stopReason) {

    static AnswerFigures of(StreamStats stats) {
        return new AnswerFigures(stats.promptTokens(), stats.generatedTokens(), stats.timeToFirstTokenMillis(),
                stats.tokensPerSecond(), stats.stopReason());
    }
}
