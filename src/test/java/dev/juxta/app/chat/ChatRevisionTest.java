package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regenerate, edit and resend, continue a given answer start, snapshot and restore: the pane's side. */
class ChatRevisionTest {
    private final ManualPulse pulse = new ManualPulse();
    private final FakeChatSession session = new FakeChatSession("Chat 1", "stories");

    private ChatViewModel paneWithTwoTurns() {
        ChatViewModel pane = Fx.call(() -> new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, pulse));
        Fx.run(() -> pane.attach(session));
        Fx.runAndSettle(() -> assertTrue(pane.send("first")));
        Fx.runAndSettle(() -> assertTrue(pane.send("second")));
        return pane;
    }

    private static List<String> prompts(ChatViewModel pane) {
        return Fx.call(() -> pane.turns().stream().map(TurnModel::prompt).toList());
    }

    @Test
    void everyTurnIsDrawnWithAConcreteSeedAndRegeneratingWithTheSameSeedReusesIt() {
        ChatViewModel pane = paneWithTwoTurns();
        long seed = Fx.call(() -> pane.turns().getLast().seed());
        assertNotEquals(SessionOptions.RANDOM_SEED, seed, "a random setting still draws a seed the turn remembers");
        assertEquals(seed, session.optionsSeen.getLast().seed(), "the engine got that seed");

        Fx.runAndSettle(() -> assertTrue(pane.regenerate(true)));

        assertEquals(List.of("first", "second"), prompts(pane), "the last answer was replaced, not added to");
        assertEquals(seed, session.optionsSeen.getLast().seed());
        assertEquals(List.of("first", "second", "second"), session.prompts);
        assertEquals(2, session.transcript().size(), "the session forgot the replaced answer before answering again");
    }

    @Test
    void regeneratingWithANewSeedDrawsAnother() {
        ChatViewModel pane = paneWithTwoTurns();
        long seed = Fx.call(() -> pane.turns().getLast().seed());
        Fx.runAndSettle(() -> assertTrue(pane.regenerate(false)));
        assertNotEquals(seed, session.optionsSeen.getLast().seed());
        assertNotEquals(seed, Fx.call(() -> pane.turns().getLast().seed()));
    }

    @Test
    void aFixedSeedInTheSettingsIsTheSeedOfEveryTurn() {
        ChatViewModel pane = Fx.call(() -> new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, pulse));
        Fx.runAndSettle(() -> {
            pane.attach(session);
            pane.settings().seedProperty().set("42");
            pane.send("hello");
        });
        assertEquals(42, Fx.call(() -> pane.turns().getLast().seed()));
        assertEquals(42, session.optionsSeen.getLast().seed());
    }

    @Test
    void editingAPastPromptDropsThatTurnAndTheOnesAfterAndSendsTheNewOne() {
        ChatViewModel pane = paneWithTwoTurns();
        Fx.runAndSettle(() -> assertTrue(pane.resendFrom(0, "  changed  ")));

        assertEquals(List.of("changed"), prompts(pane));
        assertEquals(List.of(new ChatTurn("changed", "Once upon a time")), session.transcript(),
                "the session's history was emptied before the edited prompt went");
        assertFalse(Fx.call(() -> pane.resendFrom(5, "out of range")));
    }

    @Test
    void aGivenAnswerStartIsPartOfTheAnswerAndTheModelContinuesIt() {
        ChatViewModel pane = Fx.call(() -> new ChatViewModel("Chat 2", Fx.SYNCHRONOUS, pulse));
        Fx.run(() -> pane.continueAnswer("Tell a story", "Long ago"));
        assertTrue(session.prompts.isEmpty(), "it waits for the pane's session");

        Fx.runAndSettle(() -> pane.attach(session));

        assertEquals(List.of("Tell a story"), session.prompts);
        assertEquals("Long agoOnce upon a time", Fx.call(() -> pane.turns().getLast().answer()));
        assertEquals("Long agoOnce upon a time", session.transcript().getLast().assistant());
    }

    @Test
    void aSnapshotRestoresIntoAnotherPaneWithItsSettingsTurnsAndFigures() {
        ChatViewModel pane = paneWithTwoTurns();
        Fx.run(() -> {
            pane.settings().temperatureProperty().set("0.3");
            pane.settings().apply();
        });
        PaneSnapshot saved = Fx.call(pane::snapshot);
        assertEquals(2, saved.turns().size());
        assertEquals("stories", saved.model().name());
        assertEquals(3, saved.turns().getLast().figures().tokens(), "the fake's three deltas");

        FakeChatSession other = new FakeChatSession("Chat 2", "stories");
        ChatViewModel restored = Fx.call(() -> new ChatViewModel("Chat 2", Fx.SYNCHRONOUS, pulse));
        Fx.runAndSettle(() -> {
            restored.restore(saved);
            restored.attach(other);
        });

        assertEquals(List.of("first", "second"), prompts(restored));
        assertEquals("0.3", Fx.call(() -> restored.settings().temperatureProperty().get()));
        assertEquals(saved.turns(), Fx.call(restored::snapshot).turns());
        assertEquals(List.of(new ChatTurn("first", "Once upon a time"), new ChatTurn("second", "Once upon a time")),
                other.transcript(), "the new session continues the restored conversation");
        assertTrue(Fx.call(() -> restored.turns().getFirst().finishedProperty().get()));
    }

    @Test
    void nothingIsRevisedWhileATurnRuns() {
        ChatViewModel pane = Fx.call(() -> new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, pulse));
        assertFalse(Fx.call(() -> pane.regenerate(true)), "no turn, no session");
        assertNull(Fx.call(() -> pane.modelProperty().get()));
    }
}
