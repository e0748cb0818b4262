package dev.juxta.app.modelpicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.JuxtaApp;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.DaemonExecutor;
import dev.juxta.app.testkit.Fx;
import dev.juxta.app.testkit.ModelServer;
import dev.juxta.testkit.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Get a model" through the real app's picker dialog, against a model hub on 127.0.0.1 serving the
 * shared stories260K-chatml model: the repository and file typed into the dialog, progress, cancel
 * and resume, and named errors.
 */
@ExtendWith(ApplicationExtension.class)
class ModelPickerDownloadTest {
    private static final String REPO = "test/stories-GGUF";
    private static final String FILE = "stories260K-chatml.gguf";
    private static final int HELD = 256 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path homes;
    private final JuxtaApp app = new JuxtaApp();
    private Path source;
    private Path models;
    private ModelServer server;
    private FxRobot robot;

    @Start
    void start(Stage stage) throws IOException {
        source = TestModels.storiesChatml();
        Path home = homes.resolve("run-" + System.nanoTime());
        models = home.resolve("data/models");
        System.setProperty("juxta.home", home.toString());
        server = new ModelServer(REPO, source);
        System.setProperty(ModelDownloader.BASE_URL_PROPERTY, server.baseUrl());
        app.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        System.clearProperty(ModelDownloader.BASE_URL_PROPERTY);
        FxToolkit.cleanupStages();
        Fx.run(app::stop);
    }

    @Test
    void downloadsTheTypedFileWithProgressThenListsItWithItsMetadataAndLoadsIt(FxRobot robot) throws IOException {
        openPicker(robot);
        server.holdNextAfter(HELD);
        requestDownload(REPO, FILE);
        awaitHeldProgress();
        assertEquals("Downloading " + FILE + ": " + Sizes.bytes(HELD) + " of " + Sizes.bytes(Files.size(source)),
                text("#picker-message"));
        assertTrue(Fx.call(() -> node("#custom-download").isDisabled()), "no second download while one runs");

        server.release();
        ModelRow row = awaitRow(FILE);
        assertEquals("", row.error());
        assertEquals("stories260K-chatml", row.name());
        assertEquals("llama", row.architecture());
        assertEquals("yes", row.chatTemplate());
        assertFalse(row.trainedContext().isEmpty());
        assertEquals(row, Fx.call(() -> table().getSelectionModel().getSelectedItem()), "the download is selected");
        assertEquals(ModelDownloader.sha256Of(source), ModelDownloader.sha256Of(models.resolve(FILE)));
        assertEquals("", text("#picker-error"));

        robot.clickOn("#load-model");
        Fx.waitFor("both panes to have the downloaded model", Duration.ofSeconds(60),
                () -> app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE));
        assertEquals("stories260K-chatml", Fx.call(() -> app.workspace().panes().getFirst().modelNameProperty().get()));
        assertTrue(robot.lookup("#model-picker").queryAll().isEmpty(), "the dialog closed after loading");
    }

    @Test
    void aCancelledDownloadKeepsItsBytesAndResumesWithARangeRequest(FxRobot robot) throws IOException {
        openPicker(robot);
        Path target = models.resolve(FILE);
        Path part = models.resolve(FILE + ".part");
        server.holdNextAfter(HELD);
        requestDownload(REPO, FILE);
        awaitHeldProgress();

        robot.clickOn("#cancel-model");
        Fx.waitFor("the dialog to stop the download", WAIT, () -> !node("#picker-progress").isVisible());
        server.release();
        assertEquals("", text("#picker-error"), "cancelling is not an error");
        assertEquals("Cancelled.", text("#picker-message"), "no stale progress text once cancelled");
        assertEquals(HELD, Files.size(part), "the bytes received before Cancel stay for a resume");
        assertFalse(Files.exists(target));
        assertTrue(rowOf(FILE).isEmpty(), "a cancelled download is not offered as a model");

        robot.clickOn("#custom-download");
        assertTrue(awaitRow(FILE).usable());
        assertEquals(List.of("", "bytes=" + HELD + "-"), server.ranges, "the resume asks only for the missing bytes");
        assertEquals(ModelDownloader.sha256Of(source), ModelDownloader.sha256Of(target));
        assertFalse(Files.exists(part));
    }

    @Test
    void aDroppedConnectionSaysSoNamingTheFileAndDownloadAgainResumes(FxRobot robot) throws IOException {
        openPicker(robot);
        server.failNextHalfway = true;
        requestDownload(REPO, FILE);
        String error = awaitError();
        assertTrue(error.contains(FILE) && error.contains("try again to resume"), error);
        assertTrue(rowOf(FILE).isEmpty());

        robot.clickOn("#custom-download");
        awaitRow(FILE);
        assertEquals("", text("#picker-error"));
        assertTrue(server.ranges.getLast().startsWith("bytes="), server.ranges.toString());
        assertEquals(ModelDownloader.sha256Of(source), ModelDownloader.sha256Of(models.resolve(FILE)));
    }

    @Test
    void aFileTheServerDoesNotHaveShowsTheHttpErrorNamingTheFile(FxRobot robot) {
        openPicker(robot);
        requestDownload(REPO, "missing.gguf");
        String error = awaitError();
        assertTrue(error.contains("missing.gguf") && error.contains("HTTP 404"), error);
        assertFalse(Files.exists(models.resolve("missing.gguf")));
        assertFalse(Files.exists(models.resolve("missing.gguf.part")));
        assertFalse(Fx.call(() -> node("#custom-download").isDisabled()), "the user can try again");
    }

    @Test
    void anUnreachableHubShowsAnErrorNamingTheFile(FxRobot robot) {
        openPicker(robot);
        server.close();
        requestDownload(REPO, FILE);
        String error = awaitError();
        assertTrue(error.contains(FILE) && error.contains("cannot reach the server"), error);
        assertFalse(Files.exists(models.resolve(FILE)));
    }

    @Test
    void aWrongSha256DeletesTheDownloadAndShowsAnErrorNamingTheFile() throws IOException {
        // The catalogue is a resource, so this opens a second picker on its own view model and starts the
        // download the way a catalogue row's Download button does, with an entry whose SHA-256 is wrong.
        AppDirs dirs = AppDirs.fromEnvironment();
        ExecutorService executor = DaemonExecutor.named("test-download");
        try {
            ModelPickerViewModel viewModel = new ModelPickerViewModel(new ModelLibrary(dirs, AppSettings.load(dirs)), executor,
                    (model, options) -> {
                        throw new AssertionError("nothing should load");
                    }, () -> 1);
            Scene scene = Fx.call(() -> {
                ModelPickerDialog dialog = new ModelPickerDialog(null, viewModel, "Checksum", s -> s);
                dialog.show();
                return dialog.stage().getScene();
            });
            KnownModel wrong = new KnownModel("Stories 260K", REPO, FILE, Files.size(source), "MIT", "00".repeat(32));
            Fx.run(() -> viewModel.download(wrong));
            Fx.waitFor("the checksum error", WAIT, () -> !((Label) scene.lookup("#picker-error")).getText().isEmpty());
            String error = Fx.call(() -> ((Label) scene.lookup("#picker-error")).getText());
            assertTrue(error.contains(FILE) && error.contains("SHA-256 mismatch"), error);
            assertFalse(Files.exists(models.resolve(FILE)));
            assertFalse(Files.exists(models.resolve(FILE + ".part")));
            assertTrue(Fx.call(() -> viewModel.rows().stream().noneMatch(r -> r.file().getFileName().toString().equals(FILE))));
        } finally {
            executor.shutdownNow();
        }
    }

    private void openPicker(FxRobot robot) {
        this.robot = robot;
        Fx.waitFor("the picker to open by itself on a fresh install", WAIT, () -> !robot.lookup("#model-table").queryAll().isEmpty());
        assertTrue(Fx.call(() -> table().getItems().isEmpty()), "a fresh install has no model yet");
    }

    private void requestDownload(String repository, String file) {
        robot.clickOn("#custom-repo").write(repository);
        robot.clickOn("#custom-file").write(file);
        robot.clickOn("#custom-download");
    }

    /** Waits until the progress bar shows exactly the bytes the server sent before holding. */
    private void awaitHeldProgress() throws IOException {
        double expected = (double) HELD / Files.size(source);
        ProgressBar bar = (ProgressBar) node("#picker-progress");
        Fx.waitFor("progress at " + HELD + " bytes", WAIT, () -> bar.isVisible() && Math.abs(bar.getProgress() - expected) < 1e-9);
    }

    private ModelRow awaitRow(String file) {
        Fx.waitFor(file + " in the model list", WAIT, () -> rowIn(file).isPresent());
        return Fx.call(() -> rowIn(file).orElseThrow());
    }

    private String awaitError() {
        Fx.waitFor("an error in the dialog", WAIT, () -> !((Label) node("#picker-error")).getText().isEmpty());
        assertFalse(Fx.call(() -> node("#picker-progress").isVisible()), "the download has ended");
        return text("#picker-error");
    }

    private Optional<ModelRow> rowOf(String file) {
        return Fx.call(() -> rowIn(file));
    }

    /** On the FX thread. */
    private Optional<ModelRow> rowIn(String file) {
        return table().getItems().stream().filter(r -> r.file().getFileName().toString().equals(file)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private TableView<ModelRow> table() {
        return (TableView<ModelRow>) node("#model-table");
    }

    private String text(String id) {
        return Fx.call(() -> ((Label) node(id)).getText());
    }

    private Node node(String id) {
        return robot.lookup(id).query();
    }
}
