package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.Fx;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;

/** Answers are Labels (not selectable), so each turn offers a copy button. */
class TurnViewTest {

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
