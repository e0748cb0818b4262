package dev.juxta.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * llama.cpp's own benchmarks of the pinned release, with the settings of Juxta's engine (threads,
 * batches of 512, flash attention left to llama.cpp as the engine leaves it): what llama.cpp needs
 * for a prompt without any server or bridge around it.
 */
final class LlamaBenches {
    private static final int BATCH = 512;
    private static final int REPETITIONS = 5;
    private static final long TIMEOUT_MINUTES = 5;
    private static final int ATTEMPTS = 8;

    private final Path bin;
    private final Workload w;
    private final Path logDir;
    private final String logStem;

    LlamaBenches(Path bin, Workload w, Path logDir, String logStem) {
        this.bin = bin;
        this.w = w;
        this.logDir = logDir;
        this.logStem = logStem;
    }

    /**
     * {@code llama-bench}: reading {@code prompt} tokens at {@code depth} tokens already in the
     * context, plus generating one token there; llama-bench's mean over its repetitions, in ms.
     *
     * @return {prompt ms + one token ms, prompt tok/s}
     */
    double[] promptPlusOneToken(int prompt, int depth, String label) throws IOException, InterruptedException {
        List<String> lines = run(label, List.of(bin.resolve("llama-bench").toString(), "-m", w.model().toString(),
                "-t", Integer.toString(w.threads()), "-b", Integer.toString(BATCH), "-ub", Integer.toString(BATCH),
                "-p", Integer.toString(prompt), "-n", "1", "-d", Integer.toString(depth),
                "-r", Integer.toString(REPETITIONS), "-o", "jsonl"));
        double promptNs = Double.NaN;
        double tokenNs = Double.NaN;
        double promptRate = Double.NaN;
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            if (Json.number(line, "n_prompt") == prompt && Json.number(line, "n_gen") == 0) {
                promptNs = Json.number(line, "avg_ns");
                promptRate = Json.number(line, "avg_ts");
            } else if (Json.number(line, "n_prompt") == 0 && Json.number(line, "n_gen") == 1) {
                tokenNs = Json.number(line, "avg_ns");
            }
        }
        if (Double.isNaN(promptNs) || Double.isNaN(tokenNs)) {
            throw new IOException("llama-bench gave no pp" + prompt + "/tg1 result; see " + log(label));
        }
        return new double[] {(promptNs + tokenNs) / 1e6, promptRate};
    }

    /**
     * {@code llama-batched-bench}: generation tok/s of {@code sequences} sequences decoded together.
     * Up to {@link #ATTEMPTS} runs: llama-batched-bench prints its results through llama.cpp's
     * asynchronous log, and exits before writing them in about half the runs on stories260K (whose run
     * lasts 30 ms), with status 0.
     */
    double batchedGeneration(int promptTokens, int sequences) throws IOException, InterruptedException {
        List<String> command = List.of(bin.resolve("llama-batched-bench").toString(),
                "-m", w.model().toString(), "-t", Integer.toString(w.threads()), "-tb", Integer.toString(w.threads()),
                "-c", Integer.toString(sequences * w.context()), Workload.KV_UNIFIED ? "--kv-unified" : "--no-kv-unified",
                "-b", Integer.toString(BATCH), "-ub", Integer.toString(BATCH),
                "-npp", Integer.toString(promptTokens), "-ntg", Integer.toString(w.tokens()),
                "-npl", Integer.toString(sequences), "--output-format", "jsonl");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            for (String line : run("batched-bench", command)) {
                if (line.startsWith("{") && Json.number(line, "pl") == sequences) {
                    return Json.number(line, "speed_tg");
                }
            }
        }
        throw new IOException("llama-batched-bench gave no result for " + sequences + " sequences in " + ATTEMPTS
                + " runs; see " + log("batched-bench"));
    }

    private Path log(String label) {
        return logDir.resolve(logStem + "-" + label + ".log");
    }

    /**
     * Runs the program, its results (stdout) into {@code <stem>-<label>.jsonl} and its log (stderr)
     * beside them, and returns the results' lines. The two stay apart: written into one file,
     * llama-batched-bench's results were lost.
     */
    private List<String> run(String label, List<String> command) throws IOException, InterruptedException {
        Path results = logDir.resolve(logStem + "-" + label + ".jsonl");
        Process p = new ProcessBuilder(command).redirectOutput(results.toFile()).redirectError(log(label).toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException(command.getFirst() + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.getFirst() + " failed with " + p.exitValue() + "; see " + log(label));
        }
        return Files.readAllLines(results);
    }
}
