package dev.juxta.app.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/** The {@link FramePulse} of the running app: one {@link AnimationTimer}, running only while someone listens. */
public final class AnimationPulse implements FramePulse {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            listeners.forEach(Runnable::run);
        }
    };

    @Override
    public void subscribe(Runnable listener) {
        listeners.add(listener);
        timer.start();
    }

    @Override
    public void unsubscribe(Runnable listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            timer.stop();
        }
    }
}
