package dev.juxta.app.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.juxta.testkit.TestModels;
import org.junit.jupiter.api.Test;

/** The packaged app's self-test: through the real engine, and the verdict it gives on two replies. */
class SelfTestTest {

    @Test
    void twoSessionsStreamTheSameGreedyReplyAtTheSameTime() {
        assertEquals(SelfTest.OK, SelfTest.run(new String[] {TestModels.stories().toString()}));
    }

    @Test
    void repliesMustOverlapAndBeEqual() {
        assertNull(SelfTest.sideBySideProblem(10, 50, "once", 20, 60, "once"));
        assertEquals("the two sessions streamed one after the other, not at the same time",
                SelfTest.sideBySideProblem(10, 50, "once", 50, 90, "once"));
        assertEquals("the two sessions streamed one after the other, not at the same time",
                SelfTest.sideBySideProblem(60, 90, "once", 10, 50, "once"));
        assertEquals("the two greedy replies differ", SelfTest.sideBySideProblem(10, 50, "once", 20, 60, "twice"));
    }
}
