package dev.juxta.app;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.AnimationPulse;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.DaemonExecutor;
import dev.juxta.app.common.Themes;
import dev.juxta.app.compare.BlindViewModel;
import dev.juxta.app.compare.BlindWindows;
import dev.juxta.app.compare.LeaderboardViewModel;
import dev.juxta.app.compare.VoteLog;
import dev.juxta.app.engine.EnginePool;
import dev.juxta.app.history.ExportFileChooser;
import dev.juxta.app.history.ExportFileDialogs;
import dev.juxta.app.history.ExportView;
import dev.juxta.app.history.ExportViewModel;
import dev.juxta.app.history.HistoryNoticeBar;
import dev.juxta.app.history.HistoryStore;
import dev.juxta.app.history.HistoryView;
import dev.juxta.app.history.HistoryViewModel;
import dev.juxta.app.history.ReproducibilityCards;
import dev.juxta.app.modelpicker.ModelLibrary;
import dev.juxta.app.modelpicker.ModelPickerDialog;
import dev.juxta.app.modelpicker.ModelPickerViewModel;
import dev.juxta.app.workspace.WorkspaceView;
import dev.juxta.app.workspace.WorkspaceViewModel;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The JavaFX application: one window of chat panes, the model picker, themes. */
public final class JuxtaApp extends Application {
    private static final String CHAT_CSS = "/dev/juxta/app/chat/chat.css";
    private static final String COMPARE_CSS = "/dev/juxta/app/compare/compare.css";
    private static final String PICKER_CSS = "/dev/juxta/app/modelpicker/picker.css";
    private static final String EXPORT_CSS = "/dev/juxta/app/history/export.css";
    private static final String BLIND_CSS = "/dev/juxta/app/compare/blind.css";
    private static final String HISTORY_CSS = "/dev/juxta/app/history/history.css";

    private ExecutorService executor;
    private WorkspaceViewModel workspace;
    private WorkspaceView view;
    private Themes themes;
    private ModelLibrary library;
    private Stage stage;
    private HistoryViewModel history;
    private ExportFileChooser exportFiles;
    private final RandomGenerator blindSides;
    private VoteLog votes;

    public JuxtaApp() {
        this(new SplittableRandom());
    }

    /** {@code blindSides}: draws the sides of blind comparisons (tests give a seeded one). */
    public JuxtaApp(RandomGenerator blindSides) {
        this.blindSides = blindSides;
    }

    public static void launchApp(String[] args) {
        configureRendering();
        Application.launch(JuxtaApp.class, args);
    }

    /**
     * Prism settings, before the toolkit starts; a value the user set stays. Both were measured with
     * four panes streaming under the software renderer (FxBench, 4 runs each way):
     * <ul>
     * <li>Up to 15 separately painted dirty regions instead of 6: four streaming panes change a
     * dozen small areas a frame, and merged into 6 they cover much more than changed. The renderer
     * took 3.9-4.6 ms a frame against 5.0-5.3 (merged into 1 region: 8.7).</li>
     * <li>No region caching: JavaFX caches a rounded or layered background as an image and draws it
     * stretched in nine slices, and the software renderer blends such an image pixel by pixel. A
     * quarter of its samples were there (JFR); filling the shapes again costs less. The renderer
     * took 4.4-4.8 ms a frame against 6.3-6.5 (2 runs each, with the view following the answers).</li>
     * </ul>
     */
    public static void configureRendering() {
        setUnlessSet("prism.dirtyregioncount", "15");
        setUnlessSet("prism.disableRegionCaching", "true");
    }

    private static void setUnlessSet(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        AppDirs dirs = AppDirs.fromEnvironment();
        AppSettings settings = AppSettings.load(dirs);
        executor = DaemonExecutor.named("juxta-worker");
        themes = new Themes(settings);
        library = new ModelLibrary(dirs, settings);
        AnimationPulse pulse = new AnimationPulse();
        workspace = new WorkspaceViewModel(new EnginePool(), executor, pulse, settings);
        view = new WorkspaceView(workspace, pulse, targets -> openPicker(targets, ""), themes::toggle);
        ExportViewModel exports = new ExportViewModel(workspace, executor, new ReproducibilityCards());
        view.addToolbarItems(new ExportView(exports, exportFiles != null ? exportFiles : new ExportFileDialogs(stage)));
        // History: the last comparison comes back (else the last model loads), every change is saved.
        history = new HistoryViewModel(() -> HistoryStore.open(dirs.dataDir().resolve("history.db")), workspace,
                executor, Platform::runLater);
        HistoryView historyView = new HistoryView(primaryStage, history, s -> {
            themes.register(s, HISTORY_CSS);
            return s;
        });
        view.onShowHistory(historyView::show);
        votes = history.votes();
        history.restoreLast(this::openLastModelOrPicker);
        Scene scene = new Scene(new VBox(new HistoryNoticeBar(history), view), 1280, 800);
        VBox.setVgrow(view, Priority.ALWAYS);
        themes.register(scene, CHAT_CSS, COMPARE_CSS, EXPORT_CSS, HISTORY_CSS);
        view.installShortcuts(scene);
        view.addToolbarItems(new BlindWindows(stage, () -> new BlindViewModel(workspace, executor, pulse, votes, blindSides),
                new LeaderboardViewModel(votes, executor), blindScene -> themes.register(blindScene, CHAT_CSS, BLIND_CSS))
                .toolbarButtons().toArray(Node[]::new));
        stage.setTitle("Juxta");
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setScene(scene);
        stage.show();
    }

    private void openLastModelOrPicker() {
        Path last = workspace.lastModel().filter(Files::isRegularFile).orElse(null);
        if (last == null) {
            openPicker(List.copyOf(workspace.panes()), "");
            return;
        }
        var task = workspace.loadModelForAll(last, ModelOptions.defaults());
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.FAILED) {
                openPicker(List.copyOf(workspace.panes()), task.getException().getMessage());
            }
        });
    }

    private void openPicker(List<ChatViewModel> targets, String error) {
        boolean all = targets.size() == workspace.panes().size();
        ModelPickerViewModel picker = new ModelPickerViewModel(library, executor,
                (model, options) -> workspace.loadModel(model, options, targets), () -> workspace.panes().size());
        picker.showError(error);
        String title = all ? "Choose a model for all panes" : "Choose a model for " + targets.getFirst().name();
        new ModelPickerDialog(stage, picker, title, scene -> {
            themes.register(scene, PICKER_CSS);
            return scene;
        }).show();
    }

    /** Tests answer the export and import file questions themselves; call before {@link #start}. */
    public void useExportFiles(ExportFileChooser files) {
        exportFiles = files;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public VoteLog votes() {
        return votes;
    }

    public WorkspaceView view() {
        return view;
    }

    @Override
    public void stop() {
        if (history != null) {
            history.stop();
        }
        if (workspace != null) {
            workspace.shutdown();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
