package dev.juxta.app.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.compare.DifferencesViewModel.Cell;
import dev.juxta.app.compare.DifferencesViewModel.Differences;
import dev.juxta.app.compare.DifferencesViewModel.Row;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class DifferencesViewModelTest {
    private final ManualPulse pulse = new ManualPulse();
    private final ObservableList<ChatViewModel> panes = FXCollections.observableArrayList();
    private final DifferencesViewModel viewModel = new DifferencesViewModel(panes);

    private ChatViewModel add(String name) {
        ChatViewModel pane = new ChatViewModel(name, Fx.SYNCHRONOUS, pulse);
        panes.add(pane);
        return pane;
    }

    private Differences differences() {
        return viewModel.differencesProperty().get();
    }

    private Row row(String setting) {
        return differences().rows().stream().filter(r -> r.setting().equals(setting)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + setting + " in " + differences()));
    }

    @Test
    void equalSettingsFoldIntoOneLine() {
        add("Chat 1");
        add("Chat 2");
        assertEquals(List.of(), differences().rows());
        assertEquals("Same in all panes: model file none · quantization none · system prompt none · temperature 0.8 · top-p 0.95"
                + " · top-k 40 · min-p 0.05 · repeat penalty 1.1 · max tokens 512 · seed -1", differences().same());
    }

    @Test
    void aSettingTypedInOnePaneBecomesARowWithThatPaneMarked() {
        add("Chat 1");
        ChatViewModel two = add("Chat 2");
        two.settings().temperatureProperty().set("1.25");
        assertEquals(List.of(new Cell("0.8", false), new Cell("1.25", true)), row("temperature").cells());
        assertFalse(differences().same().contains("temperature"), differences().same());
        two.settings().systemPromptProperty().set("You are a pirate.");
        assertEquals(List.of(new Cell("none", false), new Cell("“You are a pirate.”", true)), row("system prompt").cells());
        two.settings().temperatureProperty().set(" 0.8 ");
        assertTrue(differences().same().contains("temperature 0.8"), "what the user typed, trimmed, is compared");
    }

    @Test
    void theOddValueIsMarkedAgainstWhatMostPanesHave() {
        ChatViewModel one = add("Chat 1");
        add("Chat 2");
        add("Chat 3");
        one.settings().seedProperty().set("42");
        assertEquals(List.of(new Cell("42", true), new Cell("-1", false), new Cell("-1", false)), row("seed").cells());
        assertEquals(List.of("Chat 1", "Chat 2", "Chat 3"), differences().panes());
    }

    @Test
    void anAttachedModelShowsItsFileAndQuantization() {
        add("Chat 1");
        ChatViewModel two = add("Chat 2");
        Fx.run(() -> two.attach(new FakeChatSession("Chat 2", "stories")));
        assertEquals(List.of(new Cell("none", false), new Cell("stories.gguf", true)), row("model file").cells(),
                "between two panes the second stands out against the first");
        assertEquals(List.of(new Cell("none", false), new Cell("F32", true)), row("quantization").cells());
    }

    @Test
    void aClosedPaneLeavesTheTableAndIsNoLongerWatched() {
        add("Chat 1");
        ChatViewModel two = add("Chat 2");
        two.settings().topKProperty().set("7");
        assertEquals(1, differences().rows().size());
        panes.remove(two);
        assertEquals(List.of(), differences().rows());
        AtomicInteger updates = new AtomicInteger();
        viewModel.differencesProperty().addListener((obs, old, now) -> updates.incrementAndGet());
        two.settings().topKProperty().set("8");
        assertEquals(0, updates.get(), "the closed pane's settings are not watched any more");
    }
}
