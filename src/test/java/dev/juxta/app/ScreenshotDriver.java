package dev.juxta.app;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.ThemeChoice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * For bin/screenshot: runs the real app on a model (remembered in a temporary Juxta home, so no
 * picker opens), sends a different prompt to each of two panes with different temperatures (1.0 and
 * 0, shown in their expanded settings), and saves the window as a PNG while both are still
 * streaming (each has shown at least {@link #MIN_DELTAS} deltas), then stops both and exits.
 * Usage: ScreenshotDriver MODEL.gguf OUT.png [dark|light]
 */
public final class ScreenshotDriver {
    /** Deltas each pane must have shown before the snapshot, so the answers have some text. */
    static final int MIN_DELTAS = 150;
    private static Path model;
    private static Path out;

    private ScreenshotDriver() {
    }

    public static void main(String[] args) throws Exception {
        model = Path.of(args[0]).toAbsolutePath();
        out = Path.of(args[1]).toAbsolutePath();
        prepareHome(model, args.length > 2 ? ThemeChoice.valueOf(args[2].toUpperCase(Locale.ROOT)) : ThemeChoice.LIGHT);
        Application.launch(Shot.class);
    }

    /** A temporary Juxta home that remembers {@code model}, so the app loads it at start and no picker opens. */
    static void prepareHome(Path model, ThemeChoice theme) throws IOException {
        System.setProperty("juxta.home", Files.createTempDirectory("juxta-screenshot").toString());
        AppSettings settings = AppSettings.load(AppDirs.fromEnvironment());
        settings.rememberModel(model);
        settings.setTheme(theme);
    }

    /** The application run under Xvfb (nested: a main class that extends Application needs the module path). */
    public static final class Shot extends Application {
        private final JuxtaApp app = new JuxtaApp();

        @Override
        public void start(Stage stage) {
            app.start(stage);
            stage.setWidth(1360);
            stage.setHeight(860);
            waitThen(() -> app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE), this::send);
        }

        private void send() {
            List<ChatViewModel> panes = app.workspace().panes();
            // Long answers, so both are still streaming when the snapshot is taken.
            panes.get(0).settings().maxTokensProperty().set("1500");
            panes.get(1).settings().maxTokensProperty().set("1500");
            panes.get(0).settings().temperatureProperty().set("1.0");
            panes.get(1).settings().temperatureProperty().set("0");
            app.view().lookupAll(".titled-pane").forEach(n -> ((javafx.scene.control.TitledPane) n).setExpanded(true));
            long[] before = panes.stream().mapToLong(p -> p.streamCounts().deltasShown()).toArray();
            panes.get(0).send("Once upon a time, a little girl");
            panes.get(1).send("Tell me about the dog and the ball.");
            waitThen(() -> {
                boolean streaming = panes.get(0).state() == ChatState.STREAMING && panes.get(1).state() == ChatState.STREAMING
                        && panes.get(0).streamCounts().deltasShown() - before[0] >= MIN_DELTAS
                        && panes.get(1).streamCounts().deltasShown() - before[1] >= MIN_DELTAS;
                if (!streaming && panes.stream().noneMatch(p -> p.state().isBusy())) {
                    throw new IllegalStateException("both answers ended before the snapshot; states "
                            + panes.get(0).state() + ", " + panes.get(1).state());
                }
                return streaming;
            }, this::save);
        }

        private void save() {
            try {
                writeSnapshot(out);
                List<ChatViewModel> panes = app.workspace().panes();
                System.out.println("saved " + out + " while streaming: " + panes.stream()
                        .map(p -> p.name() + " " + p.state().label() + ", " + p.streamCounts().deltasShown() + " deltas shown")
                        .toList());
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                app.workspace().stopAll();
                waitThen(() -> app.workspace().panes().stream().noneMatch(p -> p.state().isBusy()), this::saveEnded);
            }
        }

        /** A second picture once the answers have ended: selectable text, with part of one selected. */
        private void saveEnded() {
            PauseTransition layout = new PauseTransition(Duration.millis(300));
            layout.setOnFinished(e -> {
                try {
                    if (app.view().getScene().getRoot().lookup(".answer-text") instanceof TextArea answer) {
                        answer.requestFocus();
                        answer.selectRange(0, Math.min(40, answer.getLength()));
                    }
                    Path ended = out.resolveSibling(out.getFileName().toString().replace(".png", "-ended.png"));
                    saveThenExit(app, app.view().getScene(), ended);
                } catch (RuntimeException failure) {
                    failure.printStackTrace();
                    app.stop();
                    Platform.exit();
                }
            });
            layout.play();
        }

        private void writeSnapshot(Path file) throws java.io.IOException {
            ScreenshotDriver.writeSnapshot(app.view().getScene(), file);
        }
    }

    /** After the layout and paint of the last changes, saves what {@code scene} shows, then stops the app and exits. */
    static void saveThenExit(JuxtaApp app, javafx.scene.Scene scene, Path file) {
        PauseTransition paint = new PauseTransition(Duration.millis(500));
        paint.setOnFinished(e -> {
            try {
                writeSnapshot(scene, file);
                System.out.println("saved " + file);
            } catch (Exception failure) {
                failure.printStackTrace();
            } finally {
                app.stop();
                Platform.exit();
            }
        });
        paint.play();
    }

    /** Saves what a scene shows as a PNG. */
    static void writeSnapshot(javafx.scene.Scene scene, Path file) throws java.io.IOException {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
    }

    /** Runs {@code then} on the FX thread once {@code condition} holds, checking every 50 ms; exits on a failure. */
    static void waitThen(java.util.function.BooleanSupplier condition, Runnable then) {
        PauseTransition pause = new PauseTransition(Duration.millis(50));
        pause.setOnFinished(e -> {
            boolean met;
            try {
                met = condition.getAsBoolean();
            } catch (RuntimeException failure) {
                failure.printStackTrace();
                Platform.exit();
                return;
            }
            if (met) {
                then.run();
            } else {
                pause.playFromStart();
            }
        });
        pause.play();
    }
}
