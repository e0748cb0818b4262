package dev.juxta.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.juxta.app.JuxtaApp;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.history.ExportFileChooser;
import dev.juxta.app.history.ExportFormat;
import dev.juxta.app.testkit.Fx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** Export… and Import… in the real app on the real stories260K chat model, clicked by the robot. */
class ExportImportEndToEndTest extends RealAppTest {
    private final Answers files = new Answers();

    /** The file dialogs' answers, given by the test before it clicks. */
    private static final class Answers implements ExportFileChooser {
        final Deque<Path> next = new ArrayDeque<>();
        final Deque<String> suggested = new ArrayDeque<>();

        @Override
        public Optional<Path> exportTarget(ExportFormat format, String suggestedName) {
            suggested.add(suggestedName);
            return Optional.ofNullable(next.poll());
        }

        @Override
        public Optional<Path> importSource() {
            return Optional.ofNullable(next.poll());
        }
    }

    @Override
    JuxtaApp newApp() {
        JuxtaApp app = new JuxtaApp();
        app.useExportFiles(files);
        return app;
    }

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Test
    void twoPanesGoOutAsJsonAndMarkdownAndComeBackByImport(FxRobot robot) throws Exception {
        driver.pickModel(AppDriver.CHAT_MODEL);
        ChatViewModel one = driver.pane(0);
        ChatViewModel two = driver.pane(1);
        driver.setSetting(one, "0", "24");
        driver.setSetting(two, "0.9", "16");
        robot.clickOn(driver.id(0) + "-prompt").write("Once upon a time").type(KeyCode.ENTER);
        robot.clickOn(driver.id(1) + "-prompt").write("The little dog").type(KeyCode.ENTER);
        driver.waitIdle(one);
        driver.waitIdle(two);
        List<PaneSnapshot> before = Fx.call(() -> driver.app.workspace().snapshot().panes());
        String exportedId = Fx.call(() -> driver.app.workspace().comparisonId());

        Path dir = Files.createDirectories(home.resolve("exports-" + System.nanoTime()));
        Path json = exportAs(robot, "JSON, to import again…", dir.resolve("comparison.json"));
        Path markdown = exportAs(robot, "Markdown, to read…", dir.resolve("comparison.md"));
        assertEquals(List.of("juxta-once-upon-a-time.json", "juxta-once-upon-a-time.md"), List.copyOf(files.suggested));

        String sha256 = sha256sum(home.resolve(driver.app.workspace().lastModel().orElseThrow()));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("juxta-comparison", root.get("format").asText());
        assertEquals(exportedId, root.get("comparison").get("id").asText());
        for (JsonNode pane : root.get("panes")) {
            assertEquals(sha256, pane.get("model").get("sha256").asText(), "the card's hash is sha256sum's");
            assertTrue(pane.get("model").get("chatTemplate").asText().contains("<|im_start|>"));
            assertTrue(pane.get("runtime").get("contextLength").asInt() >= 64);
            assertFalse(pane.get("turns").get(0).get("figures").isNull());
        }
        assertEquals(0.9, root.get("panes").get(1).get("settings").get("temperature").asDouble());
        String md = Files.readString(markdown);
        assertTrue(md.contains("`" + sha256 + "`"), md);
        assertTrue(md.contains(before.get(0).turns().getFirst().answer()), md);
        assertTrue(md.contains(before.get(1).turns().getFirst().answer()), md);
        assertTrue(md.contains("tok/s"), md);

        // A broken file: the message says why and the panes stay as they are.
        Path broken = Files.writeString(dir.resolve("broken.json"), Files.readString(json).replace("\"temperature\" : 0.9", "\"temperature\" : 9"));
        files.next.add(broken);
        robot.clickOn("#import");
        Label message = robot.lookup("#export-message").queryAs(Label.class);
        Fx.waitFor("the import to fail", Duration.ofSeconds(20), () -> message.getText().startsWith("Import failed"));
        assertTrue(Fx.call(message::getText).contains("panes[1].settings: temperature must be <= 5"), Fx.call(message::getText));
        assertEquals(before, Fx.call(() -> driver.app.workspace().snapshot().panes()), "the panes untouched");

        Fx.run(() -> driver.app.workspace().newComparison());
        Fx.waitFor("an empty comparison", Duration.ofSeconds(20),
                () -> driver.app.workspace().panes().stream().allMatch(p -> p.turns().isEmpty() && p.state() == ChatState.IDLE));

        files.next.add(json);
        robot.clickOn("#import");
        Fx.waitFor("the imported panes with their model", Duration.ofSeconds(60), () -> message.getText().startsWith("Imported")
                && driver.app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE));
        assertEquals(before, Fx.call(() -> driver.app.workspace().snapshot().panes()), "names, model, settings and turns come back");
        assertNotEquals(exportedId, Fx.call(() -> driver.app.workspace().comparisonId()), "an import is a new comparison");
        ChatViewModel second = driver.pane(1);
        assertEquals("0.9", Fx.call(() -> second.settings().temperatureProperty().get()));

        ChatViewModel restored = driver.pane(0);
        robot.clickOn(driver.id(0) + "-prompt").write("What happened next?").type(KeyCode.ENTER);
        Fx.waitFor("turn 2 to start", Duration.ofSeconds(10), () -> restored.turns().size() == 2);
        driver.waitIdle(restored);
        assertEquals(ChatState.IDLE, Fx.call(restored::state), Fx.call(() -> restored.errorProperty().get()));
        assertFalse(Fx.call(() -> restored.turns().get(1).answer()).isEmpty(), "the imported pane streams turn 2");
    }

    private Path exportAs(FxRobot robot, String item, Path target) {
        files.next.add(target);
        robot.clickOn("#export");
        robot.clickOn(item);
        Label message = robot.lookup("#export-message").queryAs(Label.class);
        Fx.waitFor("the export to " + target.getFileName(), Duration.ofSeconds(30),
                () -> message.getText().equals("Exported to " + target));
        assertTrue(Files.isRegularFile(target));
        return target;
    }

    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
        return out.substring(0, 64);
    }
}
