package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.app.testkit.StyledScene;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/**
 * While it streams an answer comes in text blocks; once it has ended it is one selectable text,
 * and each turn also has a copy button for the whole answer.
 */
class TurnViewTest {

    @Test
    void theAnswerIsShownAsFinishedBlocksPlusTheOpenOneAndNothingIsLost() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story", 1);
            TurnView view = new TurnView(turn, new ChatViewModel("Chat 1", Runnable::run, new ManualPulse()), Runnable::run);
            String sentence = "The fox ran over the hill and far away. ";
            String text = "Once upon a time.\n\nThere was a fox.\n" + sentence.repeat(40) + "The end";
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
    void aParagraphOfUsualLengthStreamsWholeWithNoCutInside() {
        TurnModel turn = new TurnModel("Tell me a story", 1);
        String paragraph = "The fox ran over the hill and far away. ".repeat(22); // 880 characters
        for (int i = 0; i < paragraph.length(); i += 5) {
            turn.append(paragraph.substring(i, Math.min(paragraph.length(), i + 5)));
        }
        // A cut would start the rest of the paragraph on a new line while it streams.
        assertEquals(List.of(), turn.blocks());
        assertEquals(paragraph, turn.openBlockProperty().get());
    }

    @Test
    void theCopyButtonPutsTheWholeAnswerOnTheClipboardOnceThereIsOne() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story", 1);
            TurnView view = new TurnView(turn, new ChatViewModel("Chat 1", Runnable::run, new ManualPulse()), Runnable::run);
            Button copy = (Button) view.lookup(".copy-answer");
            assertTrue(copy.isDisabled(), "nothing to copy yet");

            turn.append("Once upon a time, ");
            turn.append("there was a fox.");
            assertFalse(copy.isDisabled());
            copy.fire();

            assertEquals("Once upon a time, there was a fox.", Clipboard.getSystemClipboard().getString());
        });
    }

    @Test
    void anEndedAnswerIsOneSelectableTextAsTallAsItsTextAndTheWheelScrollsTheConversation() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story", 1);
            TurnView view = new TurnView(turn, new ChatViewModel("Chat 1", Runnable::run, new ManualPulse()), Runnable::run);
            String text = "Once upon a time.\n\nThere was a fox. " + "The fox ran over the hill and far away. ".repeat(30);
            turn.append(text);
            VBox conversation = new VBox(view);
            ScrollPane scroller = new ScrollPane(conversation);
            scroller.setFitToWidth(true);
            StyledScene.of(scroller, 320, 200, "light");
            assertTrue(view.lookupAll(".answer-text").isEmpty(), "text blocks while streaming");

            turn.finish();
            scroller.applyCss();
            scroller.layout();

            assertEquals(0, view.lookupAll(".answer-block").size());
            SelectableText answer = (SelectableText) view.lookup(".answer-text");
            answer.selectRange(17, 35);
            assertEquals("\n\nThere was a fox.", answer.getSelectedText());
            answer.selectAll();
            assertEquals(text, answer.getSelectedText(), "the whole answer, across paragraphs");
            ScrollPane inner = (ScrollPane) answer.lookup(".scroll-pane");
            double textHeight = inner.getContent().getLayoutBounds().getHeight();
            assertTrue(textHeight <= inner.getViewportBounds().getHeight() + 0.5,
                    "all of the text shows without scrolling: text " + textHeight + " in " + inner.getViewportBounds());
            assertTrue(answer.getHeight() > 200, "taller than the window, so the conversation scrolls: " + answer.getHeight());

            answer.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false,
                    false, 0, -40, 0, -40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            assertTrue(scroller.getVvalue() > 0, "the wheel over the answer scrolls the conversation");
        });
    }

    @Test
    void aTurnsRememberedHeightFollowsItsGrowingAnswer() {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story", 1);
            TurnView view = new TurnView(turn, new ChatViewModel("Chat 1", Runnable::run, new ManualPulse()), Runnable::run);
            ScrollPane scroller = new ScrollPane(new VBox(view));
            scroller.setFitToWidth(true);
            StyledScene.of(scroller, 320, 200, "light");
            turn.append("Once upon a time.");
            scroller.applyCss();
            scroller.layout();
            double oneLine = view.getHeight();

            // The conversation asks at the same width as before, so only a dropped height helps here.
            turn.append(" The fox ran over the hill and far away.".repeat(10));
            scroller.applyCss();
            scroller.layout();
            double grown = view.getHeight();
            assertTrue(grown > oneLine + 50, "the turn was laid out at its new height: " + oneLine + " -> " + grown);

            turn.finish();
            scroller.applyCss();
            scroller.layout();
            assertEquals(grown, view.getHeight(), 4, "the ended answer's text is as tall as its blocks were");
        });
    }

}
