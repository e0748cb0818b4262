package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.app.testkit.StyledScene;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a pane looks: its stylesheet paints the conversation, not the insides of its text areas, and its text keeps its width. */
class ChatViewStyleTest {

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void textAreasKeepTheirBordersVisible(String theme) {
        Fx.run(() -> {
            ChatViewModel viewModel = new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, new ManualPulse());
            viewModel.attach(new FakeChatSession("Chat 1", "m"));
            ChatView view = new ChatView(viewModel, Runnable::run, () -> { }, () -> { }, () -> { });
            StyledScene.of(view, 600, 700, theme);
            view.applyCss();
            view.layout();

            // A text area draws its border under its inner scroll pane; painting that pane hides it.
            Region inner = (Region) view.lookup("#chat-1-prompt .scroll-pane");
            assertNotNull(inner);
            assertTrue(unpainted(inner.getBackground()), () -> "the prompt's inner scroll pane paints " + inner.getBackground().getFills());
            Region conversation = (Region) view.lookup("#chat-1-conversation");
            assertFalse(unpainted(conversation.getBackground()), "the conversation has the surface colour");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void aStreamingAnswerHasTheThemesTextColourAndTheAnswerFont(String theme) {
        Fx.run(() -> {
            TurnModel turn = new TurnModel("Tell me a story", 1);
            TurnView view = new TurnView(turn, new ChatViewModel("Chat 1", Runnable::run, new ManualPulse()), Runnable::run);
            turn.append("Once upon a time.\nThere was a fox");
            StyledScene.of(view, 400, 300, theme);
            view.applyCss();

            Color themeText = (Color) ((Label) view.lookup(".user-message")).getTextFill();
            List<Text> blocks = view.lookupAll(".answer-block-text").stream().map(Text.class::cast).toList();
            assertEquals(2, blocks.size(), "the finished paragraph and the open one");
            for (Text block : blocks) {
                assertEquals(themeText, block.getFill(), "a " + theme + " theme's answer is as legible as its prompt");
                assertEquals(14, block.getFont().getSize());
                assertEquals("Serif", block.getFont().getFamily());
            }
        });
    }

    @Test
    void openSettingsTakeAtMost40PercentOfAShortPaneAndAllOfATallOne() {
        Fx.run(() -> {
            ChatView shortPane = paneWithSettingsOpen(390); // a pane in the window's minimum size
            Region settings = (Region) shortPane.lookup(".pane-settings");
            Region conversation = (Region) shortPane.lookup("#chat-1-conversation");
            assertTrue(settings.getHeight() <= 156.5, "at most 40% of 390: " + settings.getHeight());
            assertTrue(conversation.getHeight() > 60, "the conversation keeps room: " + conversation.getHeight());

            ChatView tallPane = paneWithSettingsOpen(900);
            ScrollPane scroller = (ScrollPane) tallPane.lookup(".settings-scroller");
            assertTrue(scroller.getViewportBounds().getHeight() >= scroller.getContent().getLayoutBounds().getHeight() - 0.5,
                    "in a tall pane the settings show whole, unscrolled");
        });
    }

    private static ChatView paneWithSettingsOpen(double height) {
        ChatViewModel viewModel = new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, new ManualPulse());
        viewModel.attach(new FakeChatSession("Chat 1", "m"));
        ChatView view = new ChatView(viewModel, Runnable::run, () -> { }, () -> { }, () -> { });
        StyledScene.of(view, 340, height, "light");
        ((TitledPane) view.lookup(".pane-settings")).setExpanded(true);
        view.applyCss();
        view.layout();
        return view;
    }

    @Test
    void theConversationKeepsItsWidthWhenItOutgrowsThePane() {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        ChatView view = Fx.call(() -> {
            ChatViewModel viewModel = new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, new ManualPulse());
            viewModel.attach(session);
            ChatView chat = new ChatView(viewModel, Runnable::run, () -> { }, () -> { }, () -> { });
            StyledScene.of(chat, 600, 700, "light");
            return chat;
        });
        Fx.runAndSettle(() -> view.viewModel().send("short"));
        Region firstTurn = Fx.call(() -> {
            view.applyCss();
            view.layout();
            return (Region) view.lookup(".turn");
        });
        double width = Fx.call(firstTurn::getWidth);

        session.deltas = List.of("The fox ran over the hill and far away. ".repeat(200));
        Fx.runAndSettle(() -> view.viewModel().send("long"));
        Fx.run(() -> {
            view.applyCss();
            view.layout();
            // A scroll bar appearing now would narrow every answer and make the pane re-wrap them all.
            assertTrue(((Region) view.lookup(".conversation")).getHeight() > 700, "the conversation outgrew the pane");
            assertEquals(width, firstTurn.getWidth(), 0.5, "the text kept its width");
        });
    }

    private static boolean unpainted(Background background) {
        return background == null || background.getFills().stream().allMatch(f -> Color.TRANSPARENT.equals(f.getFill()));
    }


    /** The state badge's colour comes from a pseudo-class of the pane's state, from the start. */
    @Test
    void theStateBadgeTakesItsStatesPseudoClassAndColour() {
        Fx.run(() -> {
            ChatViewModel viewModel = new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, new ManualPulse());
            viewModel.attach(new FakeChatSession("Chat 1", "m"));
            ChatView view = new ChatView(viewModel, Runnable::run, () -> { }, () -> { }, () -> { });
            StyledScene.of(view, 600, 700, "light");
            Label badge = (Label) view.lookup("#chat-1-state");
            view.applyCss();
            assertEquals(Set.of(ChatView.pseudoClassOf(ChatState.IDLE)), statePseudoClasses(badge));
            Paint idle = badge.getTextFill();

            viewModel.close();
            view.applyCss();
            assertEquals(Set.of(ChatView.pseudoClassOf(ChatState.CLOSED)), statePseudoClasses(badge));
            assertNotEquals(idle, badge.getTextFill(), "idle has its own colour, a closed pane the plain one");
        });
    }

    /** The badge's pseudo-classes that name a state (JavaFX adds structural ones of its own). */
    private static Set<PseudoClass> statePseudoClasses(Label badge) {
        return Arrays.stream(ChatState.values()).map(ChatView::pseudoClassOf)
                .filter(badge.getPseudoClassStates()::contains).collect(Collectors.toSet());
    }
}
