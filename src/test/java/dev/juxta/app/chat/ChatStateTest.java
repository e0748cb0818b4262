package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The ways a pane's state may go, which ChatViewModel's one transition point enforces. */
class ChatStateTest {

    @Test
    void aTurnStartsOnlyFromAPaneThatTakesPromptsAndEndsOnlyInAnEndState() {
        for (ChatState from : ChatState.values()) {
            assertTrue(from.canMoveTo(ChatState.READING_PROMPT) == (from.acceptsPrompt() || from.isBusy() && from != ChatState.STOPPING),
                    from + " -> reading the prompt");
        }
        for (ChatState next : EnumSet.complementOf(EnumSet.of(ChatState.IDLE, ChatState.STOPPED, ChatState.ERROR, ChatState.CLOSED))) {
            assertFalse(ChatState.STOPPING.canMoveTo(next), "stopping -> " + next);
        }
    }

    @Test
    void closedIsFinalAndEveryOtherStateCanClose() {
        for (ChatState state : ChatState.values()) {
            assertFalse(ChatState.CLOSED.canMoveTo(state));
            assertTrue(state == ChatState.CLOSED || state.canMoveTo(ChatState.CLOSED), state + " -> closed");
        }
    }

    @Test
    void noModelIsLoadedWhileATurnRuns() {
        for (ChatState busy : ChatState.values()) {
            if (busy.isBusy()) {
                assertFalse(busy.canMoveTo(ChatState.LOADING_MODEL), busy + " -> loading");
                assertFalse(busy.canMoveTo(ChatState.NO_MODEL), busy + " -> no model");
            }
        }
    }
}
