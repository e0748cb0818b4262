package dev.juxta.app.chat;

import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.TokenChoice;
import java.util.List;
import javafx.concurrent.Task;

/**
 * One turn: streams the answer to one prompt into a {@link DeltaBuffer} on a background thread.
 * It succeeds when the answer completes, fails with the engine's message on an error, and cancels
 * itself when the session's stream was cancelled (Stop or Close), so {@code succeeded},
 * {@code failed} and {@code cancelled} are the three ways a turn ends. Phases arrive as messages;
 * the progress is how full the session's context is once the prompt is rendered (the prompt's
 * tokens of the context length), because Task already carries both numbers to the FX thread.
 */
final class TurnTask extends Task<Void> {
    private final ChatSession session;
    private final String prompt;
    private final String answerPrefix;
    private final SessionOptions options;
    private final DeltaBuffer buffer;

    /** {@code answerPrefix}: the answer's given start, which the model continues ("" for a fresh answer). */
    TurnTask(ChatSession session, String prompt, String answerPrefix, SessionOptions options, DeltaBuffer buffer) {
        this.session = session;
        this.prompt = prompt;
        this.answerPrefix = answerPrefix;
        this.options = options;
        this.buffer = buffer;
    }

    @Override
    protected Void call() {
        session.setOptions(options);
        Outcome outcome = new Outcome();
        buffer.startTurn();
        session.continueAnswer(prompt, answerPrefix, outcome);
        if (outcome.error != null) {
            throw new LlamaException(outcome.error);
        }
        if (outcome.cancelled) {
            cancel(false);
        }
        return null;
    }

    private final class Outcome implements GenStream {
        String error;
        boolean cancelled;

        @Override
        public void onDelta(String text) {
            buffer.append(text);
        }

        @Override
        public void onTokens(List<TokenChoice> tokens) {
            buffer.appendTokens(tokens);
        }

        @Override
        public void onPhase(StreamPhase phase) {
            updateMessage(phase.name());
        }

        @Override
        public void onPrompt(int promptTokens, int contextLength) {
            updateProgress(promptTokens, contextLength);
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void onError(String message) {
            error = message;
        }

        @Override
        public void onCancelled() {
            cancelled = true;
        }
    }
}
