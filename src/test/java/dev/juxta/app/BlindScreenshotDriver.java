package dev.juxta.app;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.ThemeChoice;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * For the README's picture of blind mode: runs the real app on a model (light theme), gives the two
 * panes different settings, opens Blind A/B, sends one prompt and saves the blind window as a PNG
 * once both answers have ended and the vote is open. Run it like bin/screenshot runs ScreenshotDriver.
 * Usage: BlindScreenshotDriver MODEL.gguf OUT.png
 */
public final class BlindScreenshotDriver {
    private static Path model;
    private static Path out;

    private BlindScreenshotDriver() {
    }

    public static void main(String[] args) throws Exception {
        model = Path.of(args[0]).toAbsolutePath();
        out = Path.of(args[1]).toAbsolutePath();
        ScreenshotDriver.prepareHome(model, ThemeChoice.LIGHT);
        Application.launch(Shot.class);
    }

    /** The application run under Xvfb. */
    public static final class Shot extends Application {
        private final JuxtaApp app = new JuxtaApp();
        private Scene blind;

        @Override
        public void start(Stage stage) {
            app.start(stage);
            stage.setWidth(1360);
            stage.setHeight(860);
            ScreenshotDriver.waitThen(() -> app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE), this::openBlind);
        }

        private void openBlind() {
            List<ChatViewModel> panes = app.workspace().panes();
            panes.get(0).settings().temperatureProperty().set("0.2");
            panes.get(1).settings().temperatureProperty().set("0.9");
            panes.forEach(p -> p.settings().maxTokensProperty().set("160"));
            ((Button) app.view().lookup("#blind")).fire();
            blind = Window.getWindows().stream().filter(w -> w instanceof Stage s && "Blind A/B".equals(s.getTitle()))
                    .findFirst().orElseThrow().getScene();
            ScreenshotDriver.waitThen(() -> idle("#blind-a-state") && idle("#blind-b-state"), this::send);
        }

        private boolean idle(String id) {
            return "idle".equals(((Label) blind.lookup(id)).getText());
        }

        private void send() {
            ((TextArea) blind.lookup("#blind-prompt")).setText("Tell me a story about a dog and a ball.");
            ((Button) blind.lookup("#blind-send")).fire();
            ScreenshotDriver.waitThen(() -> !blind.lookup("#vote-a").isDisabled(), this::save);
        }

        private void save() {
            ScreenshotDriver.saveThenExit(app, blind, out);
        }
    }
}
