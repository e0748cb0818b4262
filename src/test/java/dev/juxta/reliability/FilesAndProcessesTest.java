package dev.juxta.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.stress.Procs;
import dev.juxta.testkit.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5, item 4: Juxta writes only in its own folders (data, config, cache, temp), opens no
 * listening socket, and leaves no process behind when it exits. Each case runs {@link AppWorkload}
 * in a child JVM whose home, XDG folders, temp folder and working directory are empty temp dirs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FilesAndProcessesTest {
    @TempDir
    Path root;

    /** A running child app: its pid, its engines' pids, its output. */
    private record Child(Process process, long appPid, List<Long> engines, List<String> output) {
    }

    private Path home() {
        return root.resolve("home");
    }

    private Path cwd() {
        return root.resolve("cwd");
    }

    private Path tmp() {
        return root.resolve("tmp");
    }

    /** Starts the child and reads its output up to READY. */
    private Child start(String mode) throws IOException {
        for (Path dir : List.of(home(), cwd(), tmp())) {
            Files.createDirectories(dir);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + tmp(), "-Duser.home=" + home(),
                "-Djuxta.shared.dir=" + TestModels.sharedDir(),
                "-cp", System.getProperty("java.class.path"), AppWorkload.class.getName(), mode);
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd().toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", home().toString());
        builder.environment().put("XDG_DATA_HOME", home().resolve(".local/share").toString());
        builder.environment().put("XDG_CONFIG_HOME", home().resolve(".config").toString());
        builder.environment().put("XDG_CACHE_HOME", home().resolve(".cache").toString());
        builder.environment().put("TMPDIR", tmp().toString());
        Process process = builder.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> output = new ArrayList<>();
        List<Long> engines = new ArrayList<>();
        long app = -1;
        String line;
        while ((line = in.readLine()) != null) {
            output.add(line);
            if (line.startsWith("APP ")) {
                app = Long.parseLong(line.substring(4));
            } else if (line.startsWith("ENGINE ")) {
                engines.add(Long.parseLong(line.substring(7)));
            } else if (line.equals("READY")) {
                break;
            }
        }
        assertTrue(line != null, "the child app failed: " + String.join("\n", output));
        Thread drain = new Thread(() -> {
            try {
                String more;
                while ((more = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(more);
                    }
                    if (more.startsWith("ENGINE ")) {
                        synchronized (engines) {
                            engines.add(Long.parseLong(more.substring(7)));
                        }
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Child(process, app, engines, output);
    }

    private static void finish(Child child) throws InterruptedException {
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "the child app did not exit");
        assertEquals(0, child.process.exitValue(), "child output: " + child.output);
    }

    /** Files anywhere under the temp root except Juxta's own folders. */
    private List<String> filesOutsideJuxtaFolders() throws IOException {
        Set<Path> allowed = Set.of(tmp().resolve("juxta-" + System.getProperty("user.name")),
                home().resolve(".local/share/juxta"), home().resolve(".config/juxta"), home().resolve(".cache/juxta"));
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !Files.isDirectory(p))
                    .filter(p -> allowed.stream().noneMatch(p::startsWith))
                    .map(p -> root.relativize(p).toString())
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"close", "kill"})
    void writesOnlyInItsOwnFolders(String mode) throws Exception {
        Child child = start(mode);
        finish(child);
        assertEquals(List.of(), filesOutsideJuxtaFolders(), "files written outside Juxta's folders");
    }

    /**
     * A crashing engine JVM (here SIGSEGV, as a native crash in llama.cpp would) must not drop its
     * crash log, hs_err_pid*.log, into the app's working directory (often the user's home).
     */
    @Test
    void aCrashedEngineWritesNoCrashLogOutsideJuxtaFolders() throws Exception {
        Child child = start("segv");
        finish(child);
        assertEquals(List.of(), filesOutsideJuxtaFolders(), "files written outside Juxta's folders");
    }

    /**
     * Engine JVMs must not create {@code /tmp/hsperfdata_<user>/<pid>}: it lies outside Juxta's
     * folders, and a killed engine leaves it behind.
     */
    @Test
    void enginesWriteNoPerfDataFile() throws Exception {
        Child child = start("wait");
        try {
            Path perf = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"));
            for (long engine : child.engines) {
                assertFalse(Files.exists(perf.resolve(Long.toString(engine))),
                        "engine " + engine + " writes " + perf.resolve(Long.toString(engine)));
            }
        } finally {
            child.process.destroyForcibly();
        }
    }

    @Test
    void opensNoListeningSocket() throws Exception {
        Child child = start("wait");
        try {
            List<String> listening = new ArrayList<>();
            List<Long> pids = new ArrayList<>(child.engines);
            pids.add(child.appPid);
            for (long pid : pids) {
                assertTrue(Procs.state(pid) != 0, "process " + pid + " is not running");
                listening.addAll(listeningSockets(pid));
            }
            assertEquals(List.of(), listening, "listening sockets of the app and its engines " + pids);
        } finally {
            child.process.getOutputStream().close();
            child.process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "app ends by {0}")
    @ValueSource(strings = {"close", "exit", "return", "stdin-exit", "SIGKILL", "SIGTERM"})
    void leavesNoProcessBehindWhenItExits(String how) throws Exception {
        Child child = start(switch (how) {
            case "close", "exit", "return" -> how;
            default -> "wait";
        });
        switch (how) {
            case "stdin-exit" -> {
                try (OutputStream stdin = child.process.getOutputStream()) {
                    stdin.write('\n');
                }
            }
            case "SIGKILL" -> child.process.destroyForcibly();
            case "SIGTERM" -> child.process.destroy();
            default -> { }
        }
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "the child app did not exit");
        List<Long> engines;
        synchronized (child.engines) {
            engines = List.copyOf(child.engines);
        }
        assertFalse(engines.isEmpty());
        for (long engine : engines) {
            assertTrue(Signals.goneWithin(engine, 5_000), "engine " + engine + " still runs after the app ended ("
                    + how + "): state " + Procs.state(engine) + ", " + Procs.cmdline(engine));
        }
    }

    /** Descriptions of the process's listening TCP sockets, bound UDP sockets and listening Unix sockets. */
    static List<String> listeningSockets(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> found = new ArrayList<>();
        if (inodes.isEmpty()) {
            return found;
        }
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix")) {
            Path file = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (table.equals("unix")) {
                    // Num RefCount Protocol Flags Type St Inode [Path]; __SO_ACCEPTCON = 0x10000
                    if (inodes.contains(f[6]) && (Long.parseLong(f[3], 16) & 0x10000) != 0) {
                        found.add(pid + " unix listening " + (f.length > 7 ? f[7] : "(anonymous)"));
                    }
                } else if (inodes.contains(f[9])) {
                    boolean listen = !table.startsWith("tcp") || f[3].equals("0A");
                    if (listen) {
                        found.add(pid + " " + table + " " + f[1] + " state " + f[3]);
                    }
                }
            }
        }
        return found;
    }
}
