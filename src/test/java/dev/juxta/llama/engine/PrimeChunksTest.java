package dev.juxta.llama.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A priming goes in chunks, so that a request cancelling it waits for one chunk, not the whole of it. */
class PrimeChunksTest {

    @Test
    void chunksGrowFromTheCachedPromptToTheWholeTranscript() {
        String cached = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";
        String next = cached + "a".repeat(600) + "<|im_end|>\n<|im_start|>user\n";

        List<String> chunks = SlotPlanner.chunks(cached, next);

        assertEquals(List.of(cached.length() + 256, cached.length() + 512, next.length()),
                chunks.stream().map(String::length).toList());
        chunks.forEach(chunk -> assertTrue(next.startsWith(chunk)));
    }

    @Test
    void aShortAnswerIsOneChunkAndAChangedPromptStartsFromTheBeginning() {
        assertEquals(List.of("Q: hi A: hello"), SlotPlanner.chunks("Q: hi A:", "Q: hi A: hello"));
        assertEquals(List.of("x".repeat(256), "x".repeat(300)), SlotPlanner.chunks("other", "x".repeat(300)));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String next = "a".repeat(255) + "😀" + "b".repeat(100);

        List<String> chunks = SlotPlanner.chunks("", next);

        assertEquals(255, chunks.getFirst().length(), "the cut moves before the emoji's high surrogate");
        assertFalse(Character.isHighSurrogate(chunks.getFirst().charAt(chunks.getFirst().length() - 1)));
    }
}
