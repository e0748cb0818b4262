package dev.juxta.app.common;

/**
 * Calls its listeners once per rendered frame on the FX thread. Streaming panes flush their delta
 * buffers from it, so a fast model costs one UI update per frame, not one per token.
 */
public interface FramePulse {
    void subscribe(Runnable listener);

    void unsubscribe(Runnable listener);
}
