package dev.juxta.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stress command: N random operations over several sessions from several threads, on the two
 * shared tiny models, with a seed to replay a failing run. See bench/STRESS.md.
 *
 * <p>It runs the workload in a child JVM (the "worker", standing for the app process) so that a
 * JVM crash is seen as the worker's exit status, and so that engine processes left behind after
 * the app ends can be looked for. Exit status 0 when every check is 0.
 *
 * <pre>
 * --ops N        operations (10000)          --seed S     random seed (default: time-based, printed)
 * --sessions K   sessions (6, at least 4)    --threads T  operating threads (4)
 * --max-tokens M answers of 1..M tokens (24) --no-kill    no SIGKILL of engines among the operations
 * --models A,B   the two models (default: the shared stories260K and stories260K-chatml)
 * --timeout MIN  give up on the worker after MIN minutes (30)      --verbose
 * --heap SIZE    the worker's -Xmx (1g)      --histogram  print the worker's live classes after loading and at the end
 * </pre>
 */
public final class Stress {
    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("no-kill", "verbose", "histogram");
    private Stress() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(args.length > 0 && args[0].equals("--worker") ? worker(args) : run(args, System.out));
    }

    /** Runs the whole command (spawning the worker); returns the exit status. */
    public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
        Map<String, String> options = parse(args);
        long seed = options.containsKey("seed") ? Long.parseLong(options.get("seed")) : System.nanoTime() % 1_000_000;
        options.put("seed", Long.toString(seed));
        if (options.containsKey("models")) { // the worker runs in another folder
            options.put("models", String.join(",", Stream.of(options.get("models").split(","))
                    .map(m -> Path.of(m).toAbsolutePath().normalize().toString()).toList()));
        }
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "6"));
        if (sessions < 4) {
            throw new IllegalArgumentException("--sessions must be at least 4");
        }
        Path tmp = Files.createTempDirectory("juxta-stress-");
        String marker = tmp.resolve("juxta").toString();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx" + options.getOrDefault("heap", "1g"), "-XX:+UseSerialGC",
                "-Djuxta.tmpdir=" + marker,
                "-Djuxta.shared.dir=" + Path.of(System.getProperty("juxta.shared.dir", "../shared")).toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), Stress.class.getName(), "--worker"));
        options.forEach((k, v) -> {
            command.add("--" + k);
            if (!v.isEmpty()) {
                command.add(v);
            }
        });
        long timeoutMinutes = Long.parseLong(options.getOrDefault("timeout", "30"));
        out.println("stress: replay with --seed " + seed + " (same operations per thread; thread interleaving varies)");
        // The worker runs in the temp folder: a crashing engine JVM writes hs_err_pid*.log into its working directory.
        Process worker = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Long> result = new HashMap<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("#result ")) {
                        for (String pair : line.substring(8).split(" ")) {
                            String[] kv = pair.split("=");
                            synchronized (result) {
                                result.put(kv[0], Long.parseLong(kv[1]));
                            }
                        }
                    } else {
                        out.println(line);
                    }
                }
            } catch (IOException e) {
                out.println("stress: reading the worker failed: " + e);
            }
        }, "stress-pump");
        pump.start();
        boolean exited = worker.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        if (!exited) {
            out.println("stress: FAIL the worker did not finish within " + timeoutMinutes + " minutes (hang); killing it");
            worker.destroyForcibly();
            worker.waitFor();
        }
        pump.join(5_000);
        int exit = worker.exitValue();

        // Engines of the worker (their command line holds its private juxta.tmpdir) still running?
        Procs.await(5_000, () -> Procs.enginesWith(marker).isEmpty());
        List<Long> orphans = Procs.enginesWith(marker);
        orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        List<String> crashLogs = new ArrayList<>();
        Path kept = Path.of(System.getProperty("java.io.tmpdir"), "juxta-stress-crashes");
        try (Stream<Path> logs = Files.list(tmp)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList()) {
                Files.createDirectories(kept);
                Path copy = Files.move(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                crashLogs.add(copy + frameOf(copy));
            }
        }
        List<String> leftFiles = listFiles(tmp.resolve("juxta"));
        deleteTree(tmp);

        Map<String, Long> r;
        synchronized (result) {
            r = new HashMap<>(result);
        }
        boolean crashed = exited && exit != 0 && exit != 1;
        if (crashed) {
            out.println("stress: FAIL the worker JVM ended with status " + exit + describe(exit)
                    + (r.isEmpty() ? " without its result" : ""));
        }
        if (!orphans.isEmpty()) {
            out.println("stress: FAIL engine processes left running after the worker exited: " + orphans);
        }
        crashLogs.forEach(log -> out.println("stress: FAIL an engine crashed that the stress did not kill (contained; its streams got onError): " + log));
        if (!leftFiles.isEmpty()) {
            out.println("stress: note: files left in the worker's juxta.tmpdir: " + leftFiles);
        }
        Map<String, Long> checks = new LinkedHashMap<>();
        checks.put("JVM crashes", crashed ? 1L : 0L);
        checks.put("hangs (worker killed after --timeout)", exited ? 0L : 1L);
        checks.put("worker ended without its result", r.isEmpty() ? 1L : 0L);
        checks.put("streams not ended within 2 s of cancel or close", r.getOrDefault(WorkerResult.LATE.key, -1L));
        checks.put("streams without exactly one terminal callback", r.getOrDefault(WorkerResult.TERMINALS.key, -1L));
        checks.put("sessions whose transcript differs from the deltas", r.getOrDefault(WorkerResult.TRANSCRIPTS.key, -1L));
        checks.put("engine processes left running after shutdown", r.getOrDefault(WorkerResult.ENGINES.key, -1L));
        checks.put("engine processes left running after the app exited", (long) orphans.size());
        checks.put("unexpected exceptions", r.getOrDefault(WorkerResult.UNEXPECTED.key, -1L));
        // Contained or not, an engine that dies without one of our kills is a bug in the engine.
        checks.put("engine crashes not caused by the stress's kills",
                Math.max(r.getOrDefault(WorkerResult.ENGINE_CRASHES.key, -1L), crashLogs.size()));
        boolean pass = checks.values().stream().allMatch(v -> v == 0);

        out.println();
        out.println("== Juxta stress summary (seed " + seed + ", " + options.getOrDefault("ops", "10000") + " ops) ==");
        checks.forEach((name, value) -> out.printf("  %-55s %s%n", name, value < 0 ? "n/a (no result)" : value));
        out.printf("  %-55s %s%n", "app (worker) RSS at start / after loading / at end",
                mb(r.get(WorkerResult.RSS_START_KB.key)) + " / " + mb(r.get(WorkerResult.RSS_LOADED_KB.key)) + " / " + mb(r.get(WorkerResult.RSS_END_KB.key))
                        + " (peak " + mb(r.get(WorkerResult.RSS_PEAK_KB.key)) + ")");
        out.printf("  %-55s %s%n", "app (worker) live heap after loading / at end",
                mb(r.get(WorkerResult.HEAP_LOADED_KB.key)) + " / " + mb(r.get(WorkerResult.HEAP_END_KB.key)));
        if (!crashLogs.isEmpty()) {
            out.println("  engine crash logs in " + kept);
        }
        out.printf("  %-55s %s%n", "time", r.getOrDefault(WorkerResult.SECONDS.key, -1L) + " s");
        out.println("  RESULT: " + (pass ? "PASS" : "FAIL (replay: --seed " + seed + ")"));
        return pass ? 0 : 1;
    }

    private static int worker(String[] args) throws InterruptedException {
        Map<String, String> options = parse(java.util.Arrays.copyOfRange(args, 1, args.length));
        String shared = System.getProperty("juxta.shared.dir", "../shared");
        List<Path> models = options.containsKey("models")
                ? Stream.of(options.get("models").split(",")).map(Path::of).toList()
                : List.of(Path.of(shared, "models", "stories260K.gguf"), Path.of(shared, "models", "stories260K-chatml.gguf"));
        StressWorker.Config config = new StressWorker.Config(
                Integer.parseInt(options.getOrDefault("ops", "10000")),
                Long.parseLong(options.get("seed")),
                Integer.parseInt(options.getOrDefault("sessions", "6")),
                Integer.parseInt(options.getOrDefault("threads", "4")),
                Integer.parseInt(options.getOrDefault("max-tokens", "24")),
                models.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                !options.containsKey("no-kill"),
                options.containsKey("verbose"),
                options.containsKey("histogram"));
        Map<WorkerResult, Long> result = new StressWorker(config, System.out).run();
        StringBuilder line = new StringBuilder("#result");
        result.forEach((k, v) -> line.append(' ').append(k.key).append('=').append(v));
        System.out.println(line);
        System.out.flush();
        boolean pass = WorkerResult.CHECKS.stream().allMatch(k -> result.get(k) == 0);
        return pass ? 0 : 1;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (FLAGS.contains(key)) {
                options.put(key, "");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return options;
    }

    /** ": problematic frame" from a JVM crash log, or "". */
    private static String frameOf(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("# Problematic frame")) {
                    return ": " + lines.get(i + 1).substring(1).strip() + " (" + lines.get(3).substring(1).strip() + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the path is enough
        }
        return "";
    }

    private static String mb(Long kb) {
        return kb == null || kb < 0 ? "n/a" : (kb / 1024) + " MB";
    }

    private static String describe(int exit) {
        return exit > 128 ? " (signal " + (exit - 128) + ")" : "";
    }

    private static List<String> listFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
