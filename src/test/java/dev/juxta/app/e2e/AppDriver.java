package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.JuxtaApp;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatView;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.modelpicker.ModelRow;
import dev.juxta.app.testkit.Fx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** Starts the real app on a fresh Juxta home holding the shared test models, and drives it like a user. */
final class AppDriver {
    static final Path SHARED_MODELS = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models");
    static final String CHAT_MODEL = "stories260K-chatml.gguf";

    final JuxtaApp app;
    final FxRobot robot;

    AppDriver(FxRobot robot) {
        this(robot, new JuxtaApp());
    }

    AppDriver(FxRobot robot, JuxtaApp app) {
        this.robot = robot;
        this.app = app;
    }

    /** A Juxta home whose user model folder has the chat model and a text file posing as a model. */
    static Path freshHome(Path dir) {
        try {
            Path models = Files.createDirectories(dir.resolve("data/models"));
            Files.copy(SHARED_MODELS.resolve(CHAT_MODEL), models.resolve(CHAT_MODEL));
            Files.writeString(models.resolve("notes.gguf"), "these are notes, not a model\n");
            System.setProperty("juxta.home", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(Stage stage) {
        app.start(stage);
    }

    @SuppressWarnings("unchecked")
    TableView<ModelRow> modelTable() {
        return (TableView<ModelRow>) robot.lookup("#model-table").queryAs(TableView.class);
    }

    ModelRow row(String fileName) {
        TableView<ModelRow> table = modelTable();
        return Fx.call(() -> table.getItems().stream()
                .filter(r -> r.file().getFileName().toString().equals(fileName)).findFirst().orElseThrow());
    }

    /** Picks a model in the (open) picker dialog and waits until every pane has it. */
    void pickModel(String fileName) {
        Fx.waitFor("the model picker", Duration.ofSeconds(10), () -> !robot.lookup("#model-table").queryAll().isEmpty());
        ModelRow row = row(fileName);
        TableView<ModelRow> table = modelTable();
        Fx.run(() -> table.getSelectionModel().select(row));
        robot.clickOn("#load-model");
        Fx.waitFor("panes with the model", Duration.ofSeconds(60),
                () -> app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE));
    }

    ChatViewModel pane(int index) {
        return Fx.call(() -> app.workspace().panes().get(index));
    }

    String id(int index) {
        return "#" + ChatView.idOf(pane(index).name());
    }

    void waitIdle(ChatViewModel pane) {
        Fx.waitFor(pane.name() + " to finish", Duration.ofSeconds(120), () -> !pane.state().isBusy());
    }

    void setSetting(ChatViewModel pane, String temperature, String maxTokens) {
        Fx.run(() -> {
            pane.settings().temperatureProperty().set(temperature);
            pane.settings().maxTokensProperty().set(maxTokens);
            assertTrue(pane.settings().apply(), pane.settings().errorProperty().get());
        });
    }
}
