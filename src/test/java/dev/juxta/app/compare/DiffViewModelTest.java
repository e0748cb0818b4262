package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.compare.DiffViewModel.Comparison;
import dev.juxta.app.compare.WordDiff.Kind;
import dev.juxta.app.compare.WordDiff.Segment;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class DiffViewModelTest {
    private final ManualPulse pulse = new ManualPulse();
    private final ObservableList<ChatViewModel> panes = FXCollections.observableArrayList();
    private final List<String> forks = new ArrayList<>();
    private final DiffViewModel viewModel = Fx.call(() -> new DiffViewModel(panes, pulse,
            (pane, turn, prefix) -> forks.add(pane.name() + "/" + turn + "/" + prefix)));

    private ChatViewModel pane(String name, String... deltas) {
        return Fx.call(() -> {
            FakeChatSession session = new FakeChatSession(name, "m");
            session.deltas = List.of(deltas);
            ChatViewModel pane = new ChatViewModel(name, Fx.SYNCHRONOUS, pulse);
            pane.attach(session);
            panes.add(pane);
            return pane;
        });
    }

    private Comparison comparison() {
        return Fx.call(() -> viewModel.comparisonProperty().get());
    }

    @Test
    void theFirstTwoPanesAreComparedAndAClosedOneIsReplaced() {
        ChatViewModel one = pane("Chat 1");
        ChatViewModel two = pane("Chat 2");
        ChatViewModel three = pane("Chat 3");
        assertSame(one, viewModel.leftProperty().get());
        assertSame(two, viewModel.rightProperty().get());
        Fx.run(() -> panes.remove(one));
        assertSame(three, viewModel.leftProperty().get());
    }

    @Test
    void hiddenItWatchesNothingShownItUpdatesOncePerFrameAndOnlyOnChange() {
        ChatViewModel one = pane("Chat 1", "the", " cat", " sat");
        ChatViewModel two = pane("Chat 2", "the", " dog", " sat");
        Fx.runAndSettle(() -> one.send("go"));
        Fx.runAndSettle(() -> two.send("go"));
        assertEquals(0, pulse.listeners(), "hidden, it asks for no frames");

        Fx.run(viewModel::toggle);
        assertEquals(1, pulse.listeners());
        Fx.run(pulse::fire);
        assertEquals(0, pulse.listeners(), "one update, then no more frames while nothing changes");
        Comparison shown = comparison();
        assertEquals(List.of(new Segment(Kind.EQUAL, "the "), new Segment(Kind.DELETED, "cat"), new Segment(Kind.INSERTED, "dog"),
                new Segment(Kind.EQUAL, " sat")), shown.words());
        assertEquals(new Divergence(4, 7, 4, 7, false), shown.divergence());
        assertEquals(4, shown.left().markStart());

        Fx.runAndSettle(() -> one.regenerate(true));
        Fx.runAndSettle(() -> two.regenerate(true));
        assertEquals(1, pulse.listeners(), "changes in both panes ask for one frame");
        Fx.run(pulse::fire);
        assertNotNull(comparison());
        Comparison again = comparison();
        Fx.run(viewModel::toggle);
        Fx.run(viewModel::toggle);
        Fx.run(pulse::fire);
        assertSame(again, comparison(), "the same answers are not compared again");
    }

    @Test
    void sameAnswersAreIdenticalAndDifferentPromptsHaveNoDivergence() {
        ChatViewModel one = pane("Chat 1", "Once", " upon");
        ChatViewModel two = pane("Chat 2", "Once", " upon");
        Fx.run(viewModel::toggle);
        Fx.runAndSettle(() -> one.send("go"));
        Fx.runAndSettle(() -> two.send("go"));
        Fx.run(pulse::fire);
        assertEquals("Identical answers.", comparison().summary());
        assertNull(comparison().divergence());
        Fx.runAndSettle(() -> two.send("another"));
        Fx.run(pulse::fire);
        assertNull(comparison().divergence());
        assertEquals("Different prompts: the answers are compared word by word only.", comparison().summary());
    }

    @Test
    void aForkKeepsTheAnswerBeforeTheTokenAndPutsTheAlternativeInItsPlace() {
        ChatViewModel one = pane("Chat 1", "the", " cat", " sat");
        pane("Chat 2", "x");
        Fx.runAndSettle(() -> one.send("go"));
        Fx.run(viewModel::toggle);
        Fx.run(pulse::fire);
        DiffViewModel.ComparedAnswer left = comparison().left();
        viewModel.forkAt(left, new DiffViewModel.Token(3, 7, 0.5f, List.of()), " dog");
        assertEquals(List.of("Chat 1/0/the dog"), forks);
    }
}
