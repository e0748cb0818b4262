package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaBufferTest {
    @Test
    void drainsEverythingOnceAndCounts() throws Exception {
        DeltaBuffer buffer = new DeltaBuffer(System::nanoTime);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    buffer.append("x");
                }
            }));
        }
        StringBuilder shown = new StringBuilder();
        while (writers.stream().anyMatch(Thread::isAlive)) {
            shown.append(buffer.drain());
        }
        for (Thread writer : writers) {
            writer.join();
        }
        shown.append(buffer.drain());
        assertEquals(40_000, shown.length());
        assertEquals(40_000, buffer.deltasReceived());
        assertEquals(40_000, buffer.deltasShown());
        assertEquals(40_000, buffer.charsShown());
        assertEquals("", buffer.drain());
    }
}
