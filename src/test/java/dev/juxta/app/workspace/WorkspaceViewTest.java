package dev.juxta.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.ChatView;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.app.engine.SessionSource;
import dev.juxta.app.testkit.FakeChatSession;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ManualPulse;
import dev.juxta.app.testkit.StyledScene;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window shows up to four panes side by side, as many as fit, and the rest on further tabs. */
class WorkspaceViewTest {
    @TempDir
    Path home;

    @Test
    void fourPanesSideBySideWhenTheWindowIsWideEnoughFewerWhenItIsNarrowMoreAsTabs() {
        WorkspaceView view = workspaceWithPanes(6);
        layOut(view, 1360);
        assertEquals(List.of("Panes 1–4", "Panes 5–6"), tabTitles(view));
        assertEquals(List.of(4, 2), panesPerTab(view));

        layOut(view, 720); // the window's minimum width
        assertEquals(List.of("Panes 1–2", "Panes 3–4", "Panes 5–6"), tabTitles(view));

        layOut(view, 1000);
        assertEquals(List.of(3, 3), panesPerTab(view));
    }

    @Test
    void aPaneAtItsNarrowestShowsItsWholeHeaderAndSettings() {
        WorkspaceView view = workspaceWithPanes(2);
        layOut(view, 2 * ChatView.MIN_WIDTH + 10);
        Fx.run(() -> {
            view.lookupAll(".titled-pane").forEach(node -> ((TitledPane) node).setExpanded(true));
            view.applyCss();
            view.layout();
            Region pane = (Region) view.lookup("#chat-1");
            assertTrue(pane.getWidth() < ChatView.MIN_WIDTH + 20, "at its narrowest: " + pane.getWidth());
            for (String part : List.of("#chat-1-close", "#chat-1-state", ".settings-grid")) {
                Node node = pane.lookup(part);
                double right = pane.sceneToLocal(node.localToScene(node.getLayoutBounds())).getMaxX();
                assertTrue(right <= pane.getWidth(), part + " ends at " + right + " in a pane " + pane.getWidth() + " wide");
            }
        });
    }

    private WorkspaceView workspaceWithPanes(int count) {
        AppSettings settings = AppSettings.load(new AppDirs(home.resolve("data"), home.resolve("config"), List.of()));
        SessionSource sessions = new SessionSource() {
            @Override
            public ChatSession open(Path modelFile, ModelOptions modelOptions, String name, SessionOptions options,
                                    DoubleConsumer loadProgress) {
                return new FakeChatSession(name, "m");
            }

            @Override
            public void close() {
            }
        };
        return Fx.call(() -> {
            ManualPulse pulse = new ManualPulse();
            WorkspaceViewModel viewModel = new WorkspaceViewModel(sessions, Fx.SYNCHRONOUS, pulse, settings);
            while (viewModel.panes().size() < count) {
                viewModel.newPane();
            }
            WorkspaceView view = new WorkspaceView(viewModel, pulse, panes -> { }, () -> { });
            StyledScene.of(new Pane(view), 2000, 900, "light");
            return view;
        });
    }

    private static void layOut(WorkspaceView view, double width) {
        Fx.run(() -> {
            view.resize(width, 860);
            view.applyCss();
            view.layout();
            view.layout(); // the pages' new width may move panes between tabs
        });
    }

    private static List<String> tabTitles(WorkspaceView view) {
        return Fx.call(() -> pages(view).getTabs().stream().map(Tab::getText).toList());
    }

    private static List<Integer> panesPerTab(WorkspaceView view) {
        return Fx.call(() -> pages(view).getTabs().stream().map(tab -> ((SplitPane) tab.getContent()).getItems().size()).toList());
    }

    private static TabPane pages(WorkspaceView view) {
        return (TabPane) view.lookup("#pages");
    }

}
