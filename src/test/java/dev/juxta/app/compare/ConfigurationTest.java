package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ModelRef;
import dev.juxta.llama.SessionOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    private static final ModelRef MODEL = new ModelRef(Path.of("/models/stories260K-chatml.gguf"), "stories260K-chatml", "Q8_0", 1000);

    @Test
    void theLabelNamesTheModelItsTemperatureAndWhatDiffersFromANewPane() {
        Configuration brief = BlindViewModel.configurationOf(MODEL,
                SessionOptions.defaults().withTemperature(0.2).withSystemPrompt("Be brief"));
        assertEquals("stories260K-chatml Q8_0 · temp 0.2 · sys \"Be brief\"", brief.label(BlindViewModel.USUAL));
        Configuration tuned = BlindViewModel.configurationOf(MODEL, new SessionOptions(
                "You are a very patient teacher of small children", 1, 0.5, 10, 0, 1.3, 64, 7, false, 5));
        assertEquals("stories260K-chatml Q8_0 · temp 1 · top-p 0.5 · top-k 10 · min-p 0 · repeat 1.3 · max 64 tokens"
                + " · sys \"You are a very patient…\"", tuned.label(BlindViewModel.USUAL));
    }

    @Test
    void theKeyIgnoresTheSeedAndTheFoldersAndReadsBack() {
        Configuration one = BlindViewModel.configurationOf(MODEL, SessionOptions.defaults().withSeed(1));
        Configuration other = BlindViewModel.configurationOf(
                new ModelRef(Path.of("/elsewhere/stories260K-chatml.gguf"), "stories260K-chatml", "Q8_0", 1000),
                SessionOptions.defaults().withSeed(2));
        assertEquals(one.key(), other.key());
        assertNotEquals(one.key(), BlindViewModel.configurationOf(MODEL, SessionOptions.defaults().withTopK(41)).key());
        assertEquals(one, Configuration.fromKey(one.key()).orElseThrow());
        assertTrue(one.key().startsWith("{\"maxTokens\":512,\"minP\":0.05,\"modelFile\":\"stories260K-chatml.gguf\""), one.key());
        assertTrue(Configuration.fromKey("Chat 1 on some model").isEmpty());
        assertEquals("Chat 1 on some model", LeaderboardViewModel.labelOf("Chat 1 on some model"), "a key from elsewhere shows as it is");
    }
}
