package dev.juxta.app.chat;

/**
 * One exchange of a pane, as saved, exported and restored.
 *
 * @param prompt  what the user sent
 * @param answer  the answer as far as it came
 * @param seed    the sampling seed the answer was drawn with
 * @param figures the answer's figures; null while it streams or when none were measured
 */
public record TurnSnapshot(String prompt, String answer, long seed, AnswerFigures figures) {
}
