package dev.juxta.llama.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Token pieces are raw bytes: a character split across pieces comes out whole, once. */
class Utf8JoinerTest {

    @Test
    void aFourByteCharacterInFourPiecesComesOutWholeWithTheLastPiece() {
        byte[] emoji = "🌲".getBytes(StandardCharsets.UTF_8);
        Utf8Joiner joiner = new Utf8Joiner();
        assertEquals("a", joiner.append(new byte[] {'a', emoji[0]}));
        assertEquals("", joiner.append(new byte[] {emoji[1]}));
        assertEquals("", joiner.append(new byte[] {emoji[2]}));
        assertEquals("🌲b", joiner.append(new byte[] {emoji[3], 'b'}));
    }

    @Test
    void wholeCharactersPassAtOnce() {
        Utf8Joiner joiner = new Utf8Joiner();
        assertEquals("ü€中", joiner.append("ü€中".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCutIsBeforeAnIncompleteCharacterOfAnyLength() {
        for (String character : new String[] {"ü", "€", "🌲"}) {
            byte[] bytes = ("x" + character).getBytes(StandardCharsets.UTF_8);
            for (int cut = 2; cut < bytes.length; cut++) {
                assertEquals(1, Utf8Joiner.wholeCharacters(Arrays.copyOf(bytes, cut)), character + " cut at " + cut);
            }
            assertEquals(bytes.length, Utf8Joiner.wholeCharacters(bytes), character);
        }
    }
}
