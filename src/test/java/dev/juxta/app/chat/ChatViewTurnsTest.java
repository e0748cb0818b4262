package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;

/** A pane builds each new turn's view in a frame of its own, through the window's queue of heavy UI work. */
class ChatViewTurnsTest {
    /** The window's queue, run by hand: one job is one frame. */
    private final Queue<Runnable> frames = new ArrayDeque<>();
    private final Executor heavyWork = frames::add;
    private final FakeChatSession session = new FakeChatSession("Chat 1", "m");

    @Test
    void aNewTurnShowsInItsFrameWithWhatHasStreamedMeanwhile() {
        ChatView view = paneWithQueue();
        Fx.runAndSettle(() -> view.viewModel().send("Tell a story"));

        assertEquals(0, turnViews(view), "no turn is built in the frame of the send");
        Fx.run(() -> frames.remove().run());
        assertEquals(1, turnViews(view));
        assertEquals("Tell a story", Fx.call(() -> ((TurnView) conversation(view).getChildren().getFirst()).turn().prompt()));
        // The fake answered at once, before the turn's frame: the view shows the whole answer.
        assertEquals("Once upon a time", Fx.call(() -> ((SelectableText) conversation(view).lookup(".answer-text")).getText()));
    }

    @Test
    void aTurnClearedBeforeItsFrameIsNeverShown() {
        ChatView view = paneWithQueue();
        Fx.runAndSettle(() -> view.viewModel().send("first"));
        Fx.run(() -> frames.remove().run());
        Fx.runAndSettle(() -> view.viewModel().send("second"));

        Fx.run(() -> view.viewModel().clear());
        assertEquals(0, turnViews(view), "clearing removes the turn already shown");
        Fx.runAndSettle(() -> view.viewModel().send("third"));
        Fx.run(() -> {
            while (!frames.isEmpty()) {
                frames.remove().run();
            }
        });
        assertEquals(List.of("third"), Fx.call(() -> conversation(view).getChildren().stream()
                .map(node -> ((TurnView) node).turn().prompt()).toList()));
    }

    private ChatView paneWithQueue() {
        return Fx.call(() -> {
            ChatViewModel viewModel = new ChatViewModel("Chat 1", Fx.SYNCHRONOUS, new ManualPulse());
            viewModel.attach(session);
            return new ChatView(viewModel, heavyWork, () -> { }, () -> { }, () -> { });
        });
    }

    private static int turnViews(ChatView view) {
        return Fx.call(() -> conversation(view).getChildren().size());
    }

    private static Pane conversation(ChatView view) {
        return (Pane) ((ScrollPane) view.lookup("#chat-1-conversation")).getContent();
    }
}
