package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Loading reports llama.cpp's own progress, for the app's loading bar. */
class LoadProgressTest {
    @Test
    void progressRisesToOneWhileTheModelLoads() {
        Path file = TestModels.randomLlama134M();
        List<Double> fractions = new CopyOnWriteArrayList<>();
        try (LlamaEngine engine = LlamaEngine.load(file, ModelOptions.defaults().withMaxSessions(1).withContextLength(256),
                fractions::add)) {
            assertFalse(engine.isClosed());
        }
        assertTrue(fractions.size() >= 3, "steps between 0 and 1: " + fractions);
        assertEquals(1.0, fractions.getLast(), 1e-6);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never backwards: " + fractions);
        }
    }
}
