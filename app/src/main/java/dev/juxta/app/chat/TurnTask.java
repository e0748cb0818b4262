package dev.juxta.app.chat;

import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.StreamStats;
import dev.juxta.llama.TokenChoice;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * One turn: streams the answer to one prompt into a {@link DeltaBuffer} on a background thread.
 * It succeeds when the answer completes, fails with the engine's message on an error, and cancels
 * itself when the session's stream was cancelled (Stop or Close), so {@code succeeded},
 * {@code failed} and {@code cancelled} are the three ways a turn ends. The stream's phase and the
 * size of its prompt reach the FX thread as typed properties (a few changes a turn, each one
 * {@code runLater}, in order and before the turn's end); the bridge's figures of the ended stream
 * are {@link #stats()}, however it ended.
 */
final class TurnTask extends Task<StreamStats> {
    /** The rendered prompt in tokens and the session's context length. */
    record PromptSize(int tokens, int contextLength) {
    }

    private final ChatSession session;
    private final String prompt;
    private final String answerPrefix;
    private final SessionOptions options;
    private final DeltaBuffer buffer;
    private final ReadOnlyObjectWrapper<StreamPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase");
    private final ReadOnlyObjectWrapper<PromptSize> promptSize = new ReadOnlyObjectWrapper<>(this, "promptSize");
    private volatile StreamStats stats;

    /** {@code answerPrefix}: the answer's given start, which the model continues ("" for a fresh answer). */
    TurnTask(ChatSession session, String prompt, String answerPrefix, SessionOptions options, DeltaBuffer buffer) {
        this.session = session;
        this.prompt = prompt;
        this.answerPrefix = answerPrefix;
        this.options = options;
        this.buffer = buffer;
    }

    @Override
    protected StreamStats call() {
        session.setOptions(options);
        Outcome outcome = new Outcome();
        buffer.startTurn();
        session.continueAnswer(prompt, answerPrefix, outcome);
        stats = session.lastStats();
        if (outcome.error != null) {
            throw new LlamaException(outcome.error);
        }
        if (outcome.cancelled) {
            cancel(false);
        }
        return stats;
    }

    ReadOnlyObjectProperty<StreamPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<PromptSize> promptSizeProperty() {
        return promptSize.getReadOnlyProperty();
    }

    /** The bridge's figures of the ended stream, also when it was stopped or failed; null when there are none. */
    StreamStats stats() {
        return stats;
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
        public void onPhase(StreamPhase now) {
            Platform.runLater(() -> phase.set(now));
        }

        @Override
        public void onPrompt(int promptTokens, int contextLength) {
            PromptSize size = new PromptSize(promptTokens, contextLength);
            Platform.runLater(() -> promptSize.set(size));
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
