package dev.juxta.app;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.ThemeChoice;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

/**
 * For the README's picture of the compare views: runs the real app on a model (light theme), sends
 * one prompt to two panes that differ only in their seed, opens the Diff panel once both answers have
 * ended and saves the window as a PNG: the differences strip, the word diff, and both answers shaded
 * by probability with their divergence marked. Run it like bin/screenshot runs ScreenshotDriver.
 * Usage: DiffScreenshotDriver MODEL.gguf OUT.png
 */
public final class DiffScreenshotDriver {
    private static Path out;

    private DiffScreenshotDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]).toAbsolutePath();
        out = Path.of(args[1]).toAbsolutePath();
        ScreenshotDriver.prepareHome(model, ThemeChoice.LIGHT);
        Application.launch(Shot.class);
    }

    /** The application run under Xvfb. */
    public static final class Shot extends Application {
        private final JuxtaApp app = new JuxtaApp();

        @Override
        public void start(Stage stage) {
            app.start(stage);
            stage.setWidth(1360);
            stage.setHeight(900);
            ScreenshotDriver.waitThen(() -> app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE), this::send);
        }

        private void send() {
            List<ChatViewModel> panes = app.workspace().panes();
            for (int i = 0; i < panes.size(); i++) {
                panes.get(i).settings().temperatureProperty().set("1.0");
                panes.get(i).settings().maxTokensProperty().set("90");
                panes.get(i).settings().seedProperty().set(Integer.toString(7 + i));
            }
            app.workspace().sendToAll("Tell me a story about a dog and a ball.");
            ScreenshotDriver.waitThen(() -> panes.stream().allMatch(p -> p.state() == ChatState.IDLE && !p.turns().isEmpty()), this::openDiff);
        }

        private void openDiff() {
            ((ToggleButton) app.view().lookup("#toggle-diff")).fire();
            ScreenshotDriver.saveThenExit(app, app.view().getScene(), out);
        }
    }
}
