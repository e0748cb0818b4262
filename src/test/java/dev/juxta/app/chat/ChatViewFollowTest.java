package dev.juxta.app.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.common.DaemonExecutor;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.app.testkit.StyledScene;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ScrollPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The conversation follows a streaming answer to its end, unless the user has scrolled up. */
class ChatViewFollowTest {
    private static final ExecutorService BACKGROUND = DaemonExecutor.named("test-turn");
    private static final String SENTENCE = " The fox ran over the hill and far away.";
    private final ManualPulse pulse = new ManualPulse();

    @AfterAll
    static void shutdown() {
        BACKGROUND.shutdownNow();
    }

    @Test
    void theConversationFollowsTheAnswerUntilTheUserScrollsUpAndAgainOnceBackAtTheBottom() throws Exception {
        FakeChatSession session = new FakeChatSession("Chat 1", "m");
        session.hold = true;
        session.deltas = List.of("Once upon a time.");
        ChatView view = Fx.call(() -> {
            ChatViewModel viewModel = new ChatViewModel("Chat 1", BACKGROUND, pulse);
            viewModel.attach(session);
            ChatView pane = new ChatView(viewModel, Runnable::run, () -> { }, () -> { }, () -> { });
            StyledScene.of(pane, 400, 500, "light");
            return pane;
        });
        ScrollPane scroller = Fx.call(() -> (ScrollPane) view.lookup("#chat-1-conversation"));
        Fx.run(() -> view.viewModel().send("Tell a story"));
        assertTrue(session.streaming.await(5, TimeUnit.SECONDS));

        streamFrames(view, 80);
        assertTrue(Fx.call(() -> scroller.getContent().getLayoutBounds().getHeight() > 2 * scroller.getViewportBounds().getHeight()),
                "the answer outgrew the pane");
        assertEquals(scroller.getVmax(), Fx.call(scroller::getVvalue), 1e-9, "the end of the answer shows");

        Fx.run(() -> scroller.setVvalue(0.3)); // the user scrolls up to read
        streamFrames(view, 1);
        double reading = Fx.call(() -> scroller.getViewportBounds().getMinY());
        streamFrames(view, 10);
        // Within a few pixels: JavaFX's scroll pane keeps the offset when the content grows, but a
        // layout without growth places it from the scroll bar's value, about 5 px off.
        assertEquals(reading, Fx.call(() -> scroller.getViewportBounds().getMinY()), 8, "the text the user reads stays where it is");
        assertTrue(Fx.call(scroller::getVvalue) < 0.3, "while the answer grows below it");

        Fx.run(() -> scroller.setVvalue(scroller.getVmax())); // and back to the end
        streamFrames(view, 10);
        assertEquals(scroller.getVmax(), Fx.call(scroller::getVvalue), 1e-9, "following again");

        Fx.run(view.viewModel()::stop);
        Fx.waitFor("stopped", Duration.ofSeconds(5), () -> view.viewModel().state() == ChatState.STOPPED);
    }

    /** Frames in which the stream brings a sentence each, as the app's pulse would show them. */
    private void streamFrames(ChatView view, int frames) {
        for (int i = 0; i < frames; i++) {
            view.viewModel().deltaBuffer().append(SENTENCE);
            Fx.run(() -> {
                pulse.fire();
                view.applyCss();
                view.layout();
            });
        }
    }

}
