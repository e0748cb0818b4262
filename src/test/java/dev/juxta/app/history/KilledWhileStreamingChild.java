package dev.juxta.app.history;

import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.TurnModel;
import dev.juxta.app.common.AnimationPulse;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.common.DaemonExecutor;
import dev.juxta.app.engine.EnginePool;
import dev.juxta.app.workspace.WorkspaceViewModel;
import dev.juxta.llama.ModelOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;

/**
 * Run by {@link HistoryKillTest} in a child JVM: the app's workspace on the real model with the
 * autosaver, two panes chatting turn after turn until the test kills it. Prints
 * {@code COMPARISON id}, {@code COMMITTED turnsOfPane0} after each save, {@code STREAMING pane turn}
 * when an answer's first text shows, and {@code ENDED pane turn base64(answer)} when a turn ends.
 */
public final class KilledWhileStreamingChild {
    public static void main(String[] args) throws Exception {
        HistoryStore store = HistoryStore.open(Path.of(args[0]));
        Path model = Path.of(args[1]);
        ExecutorService executor = DaemonExecutor.named("child");
        Platform.startup(() -> {
            WorkspaceViewModel workspace = new WorkspaceViewModel(new EnginePool(), executor, new AnimationPulse(),
                    AppSettings.load(AppDirs.fromEnvironment()));
            new HistoryAutosaver(workspace, snapshot -> {
                store.save(snapshot);
                print("COMMITTED " + snapshot.panes().getFirst().turns().size());
            }, executor, problem -> print("FAILED " + problem)).start();
            print("COMPARISON " + workspace.comparisonId());
            for (int i = 0; i < workspace.panes().size(); i++) {
                chatOn(workspace.panes().get(i), i);
            }
            workspace.loadModelForAll(model, ModelOptions.defaults());
        });
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void chatOn(ChatViewModel pane, int index) {
        pane.settings().maxTokensProperty().set("400");
        pane.stateProperty().addListener((obs, old, now) -> {
            if (old == ChatState.LOADING_MODEL && now == ChatState.IDLE) {
                send(pane, index);
            } else if (old.isBusy() && !now.isBusy() && now != ChatState.CLOSED) {
                int turn = pane.turns().size() - 1;
                String answer = pane.turns().get(turn).answer();
                print("ENDED " + index + " " + turn + " " + Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
                send(pane, index);
            }
        });
    }

    private static void send(ChatViewModel pane, int index) {
        int turn = pane.turns().size();
        if (!pane.send("Story " + turn + " of pane " + index)) {
            print("FAILED to send: " + pane.errorProperty().get());
            return;
        }
        TurnModel current = pane.turns().getLast();
        current.answeredProperty().addListener((obs, was, now) -> print("STREAMING " + index + " " + turn));
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
