package dev.juxta.reliability;

import dev.juxta.llama.GenStream;
import dev.juxta.llama.StreamPhase;

/** Forwards every callback to another stream; override to add behaviour. */
class GenStreamAdapter implements GenStream {
    private final GenStream target;

    GenStreamAdapter(GenStream target) {
        this.target = target;
    }

    @Override
    public void onDelta(String text) {
        target.onDelta(text);
    }

    @Override
    public void onComplete() {
        target.onComplete();
    }

    @Override
    public void onError(String message) {
        target.onError(message);
    }

    @Override
    public void onCancelled() {
        target.onCancelled();
    }

    @Override
    public void onPhase(StreamPhase phase) {
        target.onPhase(phase);
    }

    @Override
    public void onPrompt(int promptTokens, int contextLength) {
        target.onPrompt(promptTokens, contextLength);
    }
}
