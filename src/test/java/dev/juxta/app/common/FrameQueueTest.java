package dev.juxta.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.app.testkit.ManualPulse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    @Test
    void runsOneJobPerFrameInOrderAndListensOnlyWhileItHasJobs() {
        ManualPulse pulse = new ManualPulse();
        FrameQueue queue = new FrameQueue(pulse);
        List<String> ran = new ArrayList<>();

        queue.execute(() -> ran.add("a"));
        queue.execute(() -> ran.add("b"));
        queue.execute(() -> ran.add("c"));
        assertEquals(List.of(), ran, "nothing before a frame");
        assertEquals(1, pulse.listeners());

        pulse.fire();
        assertEquals(List.of("a"), ran);
        pulse.fire();
        pulse.fire();
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(0, pulse.listeners(), "idle frames cost nothing");

        queue.execute(() -> ran.add("d"));
        pulse.fire();
        assertEquals(List.of("a", "b", "c", "d"), ran);
    }
}
