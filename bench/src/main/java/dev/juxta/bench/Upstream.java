package dev.juxta.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The peer: upstream llama.cpp of the release Juxta pins, built by {@code bench/upstream-llama.sh}
 * (once per machine, into llama.cpp's cache folder), measured for one round of one model.
 */
final class Upstream {
    private static final Path SCRIPT = Path.of("bench", "upstream-llama.sh");
    private static final long BUILD_TIMEOUT_MINUTES = 60;

    private Upstream() {
    }

    /** Builds the programs if needed (the script's progress goes to this stderr) and returns their folder. */
    static Path build() throws IOException, InterruptedException {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IOException(SCRIPT.toAbsolutePath() + " not found: run the bench from the project root, or "
                    + "pass --upstream-bin DIR");
        }
        Process p = new ProcessBuilder("bash", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(SCRIPT + " could not build upstream llama.cpp (its message is above)");
        }
        return Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** The release tag recorded beside the source, for the header. */
    static String release() {
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        try {
            String json = Files.readString(Path.of(cache, "juxta", "llama.cpp", "src", "juxta-release.json"));
            String tag = Json.string(json.replace("\": ", "\":"), "tag");
            return tag == null ? "release unknown" : "release " + tag;
        } catch (IOException e) {
            return "release unknown";
        }
    }

    /**
     * One round: llama-server with one slot, then with four, then llama-bench and llama-batched-bench,
     * sized by Juxta's measured token counts in {@code juxta}. Logs go to {@code logStem}-*.log.
     */
    static Figures measure(Path bin, Workload w, Figures juxta, Path logStem) throws Exception {
        Figures f = new Figures();
        Path logs = logStem.getParent();
        String stem = logStem.getFileName().toString();
        try (LlamaServer one = LlamaServer.start(bin, w, 1, logs.resolve(stem + "-server-np1.log"))) {
            f.putAll(Protocol.singleSlot(one, w));
        }
        try (LlamaServer four = LlamaServer.start(bin, w, w.slots(), logs.resolve(stem + "-server-np4.log"))) {
            Figures parallel = Protocol.fourSlots(four, w);
            parallel.put(Figures.WARM_UP_ROUNDS, Math.max(f.get(Figures.WARM_UP_ROUNDS), parallel.get(Figures.WARM_UP_ROUNDS)));
            f.putAll(parallel);
            f.put(Figures.LOAD_MS, four.startMillis());
        }
        LlamaBenches benches = new LlamaBenches(bin, w, logs, stem);
        double[] fresh = benches.promptPlusOneToken((int) juxta.get(Figures.LONG_PROMPT_TOKENS), 0, "bench-fresh");
        f.put(Figures.BENCH_LONG_MS, fresh[0]);
        f.put(Figures.BENCH_LONG_PP_TPS, fresh[1]);
        double[] turn2 = benches.promptPlusOneToken((int) juxta.get(Figures.TURN2_READ_TOKENS),
                (int) juxta.get(Figures.TURN2_DEPTH_TOKENS), "bench-turn2");
        f.put(Figures.BENCH_TURN2_MS, turn2[0]);
        f.put(Figures.BATCHED_TG_TPS, benches.batchedGeneration((int) juxta.get(Figures.FRESH_PROMPT_TOKENS), w.slots()));
        return f;
    }
}
