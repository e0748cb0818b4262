package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine, with every thread llama.cpp starts, runs below normal priority so the UI wins the CPU. */
class EnginePriorityTest {

    @Test
    void everyEngineThreadRunsAtNiceTenWhileTheAppStaysAtItsOwn() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice")),
                "needs the nice command");
        int appNice = niceOf(Path.of("/proc/self/stat"));
        try (LlamaEngine engine = LlamaEngine.load(TestModels.stories(),
                ModelOptions.defaults().withContextLength(256).withMaxSessions(1).withThreads(2));
             LlamaSession session = engine.createSession("priority", TestModels.greedy(8))) {
            RecordingStream stream = new RecordingStream();
            session.stream("Once upon a time", stream); // the compute threads exist once a decode ran

            List<Integer> engineThreads = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(engine.engineProcessId()), "task"))) {
                for (Path task : tasks.toList()) {
                    engineThreads.add(niceOf(task.resolve("stat")));
                }
            }
            assertFalse(engineThreads.isEmpty());
            assertEquals(List.of(10), engineThreads.stream().distinct().toList(),
                    "nice values of the engine's threads: " + engineThreads);
            assertEquals(appNice, niceOf(Path.of("/proc/self/stat")), "the app's own priority must not change");
        }
    }

    /** Field 19 of /proc/.../stat, counted after the command name's closing parenthesis. */
    private static int niceOf(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
