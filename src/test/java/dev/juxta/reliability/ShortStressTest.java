package dev.juxta.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.stress.Stress;
import dev.juxta.testkit.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 5, item 1, for CI: a short run of the stress command with a fixed seed; every check must be 0. */
class ShortStressTest {
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shortStressPasses() throws Exception {
        TestModels.stories(); // fails early with a clear message when the models are missing
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = Stress.run(new String[] {"--ops", "300", "--seed", "20260501", "--sessions", "4", "--threads", "4",
                "--timeout", "2"}, out);
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertTrue(report.contains("RESULT: PASS"), report);
        assertEquals(0, exit, report);
    }
}
