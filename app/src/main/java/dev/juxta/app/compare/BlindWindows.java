package dev.juxta.app.compare;

import dev.juxta.app.common.Icons;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The toolbar's "Blind A/B" and "Leaderboard" buttons and the windows they open. Blind mode has a
 * window of its own rather than a tab among the panes: its two panes are not the workspace's, so
 * the workspace's Send to all, Stop all and pane shortcuts must not reach them, and the workspace
 * stays in view (it shows which panes are compared, never which one is A).
 */
public final class BlindWindows {
    private final Window owner;
    private final Supplier<BlindViewModel> sessions;
    private final LeaderboardViewModel leaderboard;
    private final Consumer<Scene> style;
    private Stage leaderboardWindow;

    /** {@code sessions}: a new blind session each time; {@code style}: gives a window's scene the app's themes. */
    public BlindWindows(Window owner, Supplier<BlindViewModel> sessions, LeaderboardViewModel leaderboard, Consumer<Scene> style) {
        this.owner = owner;
        this.sessions = sessions;
        this.leaderboard = leaderboard;
        this.style = style;
    }

    public List<Node> toolbarButtons() {
        Button blind = Icons.decorate(new Button("Blind A/B"), Icons.BLIND, "Compare two panes' answers without knowing which is which, and vote");
        blind.setId("blind");
        blind.setOnAction(e -> openBlind());
        Button board = Icons.decorate(new Button("Leaderboard"), Icons.LEADERBOARD, "Win rates of the configurations from the blind votes");
        board.setId("leaderboard");
        board.setOnAction(e -> openLeaderboard());
        return List.of(blind, board);
    }

    private void openBlind() {
        BlindViewModel session = sessions.get();
        session.votesKeptProperty().addListener((obs, old, now) -> leaderboard.refresh());
        Stage window = window("Blind A/B", new Scene(new BlindView(session), 1100, 720));
        window.setOnHidden(e -> session.close());
        window.show();
        if (!session.choiceNeeded()) {
            session.start();
        }
    }

    private void openLeaderboard() {
        leaderboard.refresh();
        if (leaderboardWindow == null) {
            leaderboardWindow = window("Leaderboard", new Scene(new LeaderboardView(leaderboard), 900, 420));
        }
        leaderboardWindow.show();
        leaderboardWindow.toFront();
    }

    private Stage window(String title, Scene scene) {
        style.accept(scene);
        Stage window = new Stage();
        window.initOwner(owner);
        window.setTitle(title);
        window.setScene(scene);
        return window;
    }
}
