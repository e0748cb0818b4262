package dev.juxta.app.testkit;

import dev.juxta.app.common.FramePulse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A frame pulse the test fires by hand (on the FX thread). */
public final class ManualPulse implements FramePulse {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(Runnable listener) {
        listeners.remove(listener);
    }

    public void fire() {
        listeners.forEach(Runnable::run);
    }

    public int listeners() {
        return listeners.size();
    }
}
