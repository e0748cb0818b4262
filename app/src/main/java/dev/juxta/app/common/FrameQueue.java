package dev.juxta.app.common;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs heavy UI jobs on the FX thread one per frame, so that jobs asked for at the same moment
 * spread over several frames instead of stalling one. Used when the panes' answers end together
 * (Send to all with the same max tokens): turning four answers into selectable text in one frame
 * paused the FX thread for 47-66 ms (FxBench).
 *
 * <p>FX thread only.
 */
public final class FrameQueue implements Executor {
    private final FramePulse pulse;
    private final Queue<Runnable> jobs = new ArrayDeque<>();
    private final Runnable runOne = this::runOne;

    public FrameQueue(FramePulse pulse) {
        this.pulse = pulse;
    }

    /** Queues {@code job} for a coming frame, after the jobs queued before it. */
    @Override
    public void execute(Runnable job) {
        if (jobs.isEmpty()) {
            pulse.subscribe(runOne);
        }
        jobs.add(job);
    }

    private void runOne() {
        Runnable job = jobs.poll();
        if (jobs.isEmpty()) {
            pulse.unsubscribe(runOne);
        }
        if (job != null) {
            job.run();
        }
    }
}
