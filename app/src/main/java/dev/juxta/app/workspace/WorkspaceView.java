package dev.juxta.app.workspace;

import dev.juxta.app.chat.ChatView;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.common.FramePulse;
import dev.juxta.app.common.FrameQueue;
import dev.juxta.app.common.Icons;
import dev.juxta.app.compare.DiffView;
import dev.juxta.app.compare.DiffViewModel;
import dev.juxta.app.compare.DifferencesStrip;
import dev.juxta.app.compare.DifferencesViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The window's content: toolbar, the panes (up to four side by side per tab, as many as the window
 * is wide enough for, more in further tabs), and the "Send to all" prompt. Owns the window's
 * keyboard shortcuts.
 */
public final class WorkspaceView extends BorderPane {
    private static final int MAX_PANES_PER_PAGE = 4;

    private final WorkspaceViewModel viewModel;
    private final Consumer<List<ChatViewModel>> pickModel;
    private final Map<ChatViewModel, ChatView> views = new HashMap<>();
    private final ScrollSync scrollSync = new ScrollSync(views.values());
    /** One queue for all panes: answers that end together become selectable text a frame apart. */
    private final FrameQueue heavyWork;
    private final TabPane pages = new TabPane();
    private final TextArea broadcast = new TextArea();
    private final DiffViewModel diff;
    private final ToolBar toolbar;
    private int panesPerPage = MAX_PANES_PER_PAGE;
    private Runnable showHistory = () -> { };

    /** {@code pulse}: the app's frame pulse, which also paces the panes' heavy UI changes. */
    public WorkspaceView(WorkspaceViewModel viewModel, FramePulse pulse, Consumer<List<ChatViewModel>> pickModel,
                         Runnable toggleTheme) {
        this.heavyWork = new FrameQueue(pulse);
        this.viewModel = viewModel;
        this.pickModel = pickModel;
        getStyleClass().add("workspace");
        diff = new DiffViewModel(viewModel.panes(), pulse, viewModel::forkAt);
        DiffView diffView = new DiffView(diff);
        toolbar = buildToolbar(toggleTheme, diffView);
        setTop(new VBox(toolbar, new DifferencesStrip(new DifferencesViewModel(viewModel.panes()))));
        pages.setId("pages");
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(diffView.around(pages));
        setBottom(broadcastBar());
        viewModel.panes().addListener((ListChangeListener<ChatViewModel>) change -> layoutPanes());
        // Panes narrower than their minimum would be cut off at the window's right edge.
        pages.widthProperty().addListener((obs, old, width) -> {
            int fit = panesThatFit(width.doubleValue());
            if (fit != panesPerPage) {
                panesPerPage = fit;
                layoutPanes();
            }
        });
        layoutPanes();
    }

    /** How many panes side by side a page of this width shows: at least one, at most four. */
    private static int panesThatFit(double width) {
        if (width <= 0) { // not laid out yet
            return MAX_PANES_PER_PAGE;
        }
        return (int) Math.max(1, Math.min(MAX_PANES_PER_PAGE, Math.floor(width / ChatView.MIN_WIDTH)));
    }

    /** Installs the shortcuts on the window's scene (filters, so text fields cannot swallow them). */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** What the History button and Ctrl+H open: the conversations list. */
    public void onShowHistory(Runnable action) {
        showHistory = action;
    }

    public ChatView viewOf(ChatViewModel pane) {
        return views.get(pane);
    }

    private void onKey(KeyEvent e) {
        boolean shortcut = e.isShortcutDown();
        Runnable action = switch (e.getCode()) {
            case L -> shortcut ? () -> pickModel.accept(List.copyOf(viewModel.panes())) : null;
            case T -> shortcut ? this::newPane : null;
            case W -> shortcut ? viewModel::closeActivePane : null;
            case D -> shortcut ? diff::toggle : null;
            case H -> shortcut ? () -> showHistory.run() : null;
            case ENTER -> shortcut && e.isShiftDown() ? this::sendFocusedTextToAll : null;
            case ESCAPE -> e.isShiftDown() ? viewModel::stopAll : viewModel::stopActivePane;
            default -> null;
        };
        if (action != null) {
            action.run();
            e.consume();
        }
    }

    /** Ctrl+Shift+Enter: the text typed where the focus is (a pane's prompt or the bottom field) goes to every pane. */
    private void sendFocusedTextToAll() {
        ChatViewModel active = viewModel.activePaneProperty().get();
        if (broadcast.isFocused() || active == null || active.promptProperty().get().isBlank()) {
            viewModel.sendBroadcast();
        } else if (viewModel.sendToAll(active.promptProperty().get()) > 0) {
            active.promptProperty().set("");
        }
    }

    private void newPane() {
        ChatViewModel pane = viewModel.newPane();
        ChatView view = views.get(pane);
        pages.getTabs().stream().filter(tab -> contains(tab, view)).findFirst()
                .ifPresent(tab -> pages.getSelectionModel().select(tab));
        view.focusPrompt();
    }

    private static boolean contains(Tab tab, ChatView view) {
        return tab.getContent() instanceof SplitPane split && split.getItems().contains(view);
    }

    /** Adds controls of other features to the toolbar, before the theme switch at its right end. */
    public void addToolbarItems(Node... items) {
        toolbar.getItems().addAll(toolbar.getItems().size() - 2, List.of(items));
    }

    private ToolBar buildToolbar(Runnable toggleTheme, DiffView diffView) {
        Button model = Icons.decorate(new Button("Model…"), Icons.MODEL, "Choose the model of every pane (Ctrl+L)");
        model.setId("pick-model");
        model.setOnAction(e -> pickModel.accept(List.copyOf(viewModel.panes())));
        Button add = Icons.decorate(new Button("New pane"), Icons.NEW_PANE, "Open another chat pane (Ctrl+T)");
        add.setId("new-pane");
        add.setOnAction(e -> newPane());
        Button stopAll = Icons.decorate(new Button("Stop all"), Icons.STOP_ALL, "Stop every pane (Shift+Esc)");
        stopAll.setId("stop-all");
        stopAll.setOnAction(e -> viewModel.stopAll());
        ToggleButton syncScroll = Icons.decorate(new ToggleButton("Sync scroll"), Icons.SYNC_SCROLL,
                "Scroll all panes together, turn by turn");
        syncScroll.setId("sync-scroll");
        syncScroll.selectedProperty().bindBidirectional(scrollSync.enabledProperty());
        Button history = Icons.decorate(new Button("History"), Icons.HISTORY, "Saved conversations: search, reopen, delete (Ctrl+H)");
        history.setId("history");
        history.setOnAction(e -> showHistory.run());
        Button theme = Icons.decorate(new Button(), Icons.THEME, "Switch between the light and the dark theme");
        theme.setId("toggle-theme");
        theme.setOnAction(e -> toggleTheme.run());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(model, add, stopAll, history, syncScroll, diffView.toggleButton(), spacer, theme);
        bar.setAccessibleText("Juxta toolbar");
        return bar;
    }

    private HBox broadcastBar() {
        broadcast.setId("broadcast-prompt");
        broadcast.setPrefRowCount(1);
        broadcast.setWrapText(true);
        broadcast.setPromptText("One prompt for every pane (Ctrl+Shift+Enter sends it to all)");
        broadcast.setAccessibleText("Prompt for all panes");
        broadcast.textProperty().bindBidirectional(viewModel.broadcastPromptProperty());
        broadcast.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown() && !e.isShortcutDown()) {
                viewModel.sendBroadcast();
                e.consume();
            }
        });
        Button sendAll = Icons.decorate(new Button("Send to all"), Icons.SEND_ALL, "Send this prompt to every pane (Ctrl+Shift+Enter)");
        sendAll.setId("send-all");
        sendAll.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.broadcastPromptProperty().get().isBlank(), viewModel.broadcastPromptProperty()));
        sendAll.setOnAction(e -> viewModel.sendBroadcast());
        sendAll.setMinWidth(Region.USE_PREF_SIZE);
        Label label = new Label("All panes:");
        label.setLabelFor(broadcast);
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(broadcast, Priority.ALWAYS);
        HBox bar = new HBox(6, label, broadcast, sendAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("broadcast-bar");
        return bar;
    }

    private void layoutPanes() {
        List<ChatViewModel> panes = viewModel.panes();
        views.keySet().retainAll(panes);
        for (ChatViewModel pane : panes) {
            views.computeIfAbsent(pane, this::createView);
        }
        int selected = Math.max(0, pages.getSelectionModel().getSelectedIndex());
        ChatViewModel active = viewModel.activePaneProperty().get();
        pages.getTabs().clear();
        for (int start = 0; start < Math.max(1, panes.size()); start += panesPerPage) {
            List<ChatViewModel> onPage = panes.subList(start, Math.min(panes.size(), start + panesPerPage));
            SplitPane split = new SplitPane();
            split.getItems().setAll(onPage.stream().map(views::get).toList());
            int count = split.getItems().size();
            for (int i = 1; i < count; i++) {
                split.setDividerPosition(i - 1, (double) i / count);
            }
            Tab tab = new Tab(pageTitle(start, start + onPage.size()), split);
            pages.getTabs().add(tab);
            if (onPage.contains(active)) {
                selected = pages.getTabs().size() - 1;
            }
        }
        pages.getSelectionModel().select(Math.min(selected, pages.getTabs().size() - 1));
        pages.getStyleClass().removeAll("single-page");
        if (pages.getTabs().size() == 1) {
            pages.getStyleClass().add("single-page");
        }
    }

    private static String pageTitle(int from, int to) {
        return to <= from + 1 ? "Chat " + (from + 1) : "Panes " + (from + 1) + "–" + to;
    }

    private ChatView createView(ChatViewModel pane) {
        ChatView view = new ChatView(pane, heavyWork, () -> pickModel.accept(List.of(pane)), () -> viewModel.closePane(pane),
                () -> viewModel.fork(pane));
        scrollSync.watch(view);
        view.focusWithinProperty().addListener((obs, was, now) -> {
            if (now) {
                viewModel.activePaneProperty().set(pane);
            }
        });
        return view;
    }
}
