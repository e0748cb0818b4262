package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.testkit.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 loses at most the replies in flight: the app's workspace chats in two panes with the
 * autosaver on, is killed in the middle of a reply, and the database then holds every turn that
 * had ended, word for word, and the reply in flight at most partly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryKillTest {
    @TempDir
    Path dir;

    private static final String END = "\u0000end";

    /** The child's next line; a child that says nothing for a minute is stuck. */
    private static String nextLine(BlockingQueue<String> lines, List<String> output) throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the child said nothing for a minute: " + String.join("\n", output));
        }
        return line;
    }

    @Test
    void aKillInTheMiddleOfAReplyLosesNoEndedTurn() throws Exception {
        Path db = dir.resolve("history.db");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djuxta.home=" + dir.resolve("home")));
        for (String property : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KilledWhileStreamingChild.class.getName(),
                db.toString(), TestModels.storiesChatml().toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String comparisonId = null;
        List<List<String>> ended = List.of(new ArrayList<>(), new ArrayList<>());
        int committed = 0;
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // the child is gone
            }
            lines.add(END);
        });
        reader.setDaemon(true);
        reader.start();
        boolean killed = false;
        int streaming = -1;
        try {
            String line;
            while (!(line = nextLine(lines, output)).equals(END)) {
                output.add(line);
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "COMPARISON" -> comparisonId = f[1];
                    case "COMMITTED" -> committed = Math.max(committed, Integer.parseInt(f[1]));
                    case "ENDED" -> ended.get(Integer.parseInt(f[1])).add(f.length > 3
                            ? new String(Base64.getDecoder().decode(f[3]), StandardCharsets.UTF_8) : "");
                    case "STREAMING" -> streaming = f[1].equals("0") ? Integer.parseInt(f[2]) : streaming;
                    default -> { }
                }
                // Pane 0's reply streams, its start is saved, and turns ended before it: the moment to kill.
                if (!killed && streaming >= 2 && ended.get(0).size() == streaming && committed >= streaming + 1) {
                    child.destroyForcibly();
                    killed = true;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(killed, "the child ended before a kill: " + String.join("\n", output));
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertNotNull(comparisonId);

        try (HistoryStore store = HistoryStore.open(db)) {
            assertTrue(store.problem().isEmpty(), () -> store.problem().orElseThrow());
            ComparisonSnapshot saved = store.load(comparisonId).orElseThrow();
            for (int pane = 0; pane < 2; pane++) {
                PaneSnapshot panes = saved.panes().get(pane);
                List<String> answers = ended.get(pane);
                List<TurnSnapshot> turns = panes.turns();
                // The last ended turn may have ended after the last commit: then it is the reply in flight.
                int mustHave = pane == 0 ? answers.size() : Math.max(0, answers.size() - 1);
                assertTrue(turns.size() >= mustHave && turns.size() <= answers.size() + 1,
                        "pane " + pane + ": " + turns.size() + " saved turns for " + answers.size() + " ended");
                for (int i = 0; i < mustHave; i++) {
                    assertEquals(answers.get(i), turns.get(i).answer(), "pane " + pane + " turn " + i);
                    assertNotNull(turns.get(i).figures(), "pane " + pane + " turn " + i + " ended");
                }
                for (int i = mustHave; i < turns.size(); i++) {
                    TurnSnapshot inFlight = turns.get(i);
                    boolean endedAndSaved = i < answers.size() && inFlight.figures() != null;
                    if (endedAndSaved) {
                        assertEquals(answers.get(i), inFlight.answer());
                    } else {
                        assertNull(inFlight.figures(), "pane " + pane + " turn " + i + " was in flight");
                        assertEquals("Story " + i + " of pane " + pane, inFlight.prompt());
                    }
                }
            }
            System.out.println("killed after " + ended.get(0).size() + " + " + ended.get(1).size()
                    + " ended turns; pane 0's reply in flight saved as " + saved.panes().getFirst().turns().getLast().answer().length() + " characters");
        }
    }
}
