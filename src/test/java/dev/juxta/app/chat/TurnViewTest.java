package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.Fx;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;

/** Answers are Labels (not selectable), so each turn offers a copy button; long answers come in blocks. */
class TurnViewTest {

    @Test
    void theAnswerIsShownAsFinishedBlocksPlusTheOpenOneAndNothingIsLost() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story");
            TurnView view = new TurnView(turn);
            String sentence = "The fox ran over the hill and far away. ";
            String text = "Once upon a time.\n\nThere was a fox.\n" + sentence.repeat(20) + "The end";
            for (int i = 0; i < text.length(); i += 7) {
                turn.append(text.substring(i, Math.min(text.length(), i + 7)));
            }

            assertEquals(text, turn.answer());
            assertEquals(List.of("Once upon a time.\n", "There was a fox."), turn.blocks().subList(0, 2),
                    "a block per paragraph; an empty line stays with its paragraph");
            assertTrue(turn.blocks().size() >= 3, "the long paragraph was cut at a sentence end: " + turn.blocks());
            assertTrue(turn.blocks().get(2).endsWith("far away."));
            assertTrue(turn.openBlockProperty().get().length() <= TurnModel.MAX_OPEN_BLOCK + 7);
            // Each cut drops only the line break or space it happened at.
            String shown = String.join("", turn.blocks()) + turn.openBlockProperty().get();
            assertEquals(text.replaceAll("[ \\n]", ""), shown.replaceAll("[ \\n]", ""), "no character is lost");
            assertEquals(turn.blocks().size() + 1, view.lookupAll(".answer-block").size());
        });
    }

    @Test
    void theCopyButtonPutsTheWholeAnswerOnTheClipboardOnceThereIsOne() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story");
            TurnView view = new TurnView(turn);
            Button copy = (Button) view.lookup(".copy-answer");
            assertTrue(copy.isDisabled(), "nothing to copy yet");

            turn.append("Once upon a time, ");
            turn.append("there was a fox.");
            assertFalse(copy.isDisabled());
            copy.fire();

            assertEquals("Once upon a time, there was a fox.", Clipboard.getSystemClipboard().getString());
        });
    }
}
