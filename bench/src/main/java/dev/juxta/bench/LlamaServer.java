package dev.juxta.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The peer side: upstream {@code llama-server} of the pinned release, started on 127.0.0.1 and a free
 * port with the settings of Juxta's engine ({@code slots} sequences of the same context, its KV
 * layout ({@link Workload#KV_UNIFIED}), batches of 512, the same threads, no warm-up, no prompt cache
 * in RAM, which the engine does not have), driven through /completion with streaming, one
 * {@link ServerStream} per stream.
 */
final class LlamaServer implements Driver, AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final int BATCH = 512;

    private final Process process;
    private final int port;
    private final Workload w;
    private double startMillis;

    private LlamaServer(Process process, int port, Workload w) {
        this.process = process;
        this.port = port;
        this.w = w;
    }

    /** Starts the server and waits until it answers /health with 200; its log goes to {@code log}. */
    static LlamaServer start(Path bin, Workload w, int slots, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(bin.resolve("llama-server").toString(),
                "-m", w.model().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "-t", Integer.toString(w.threads()), "-tb", Integer.toString(w.threads()),
                "-np", Integer.toString(slots), "-c", Integer.toString(slots * w.context()),
                "-b", Integer.toString(BATCH), "-ub", Integer.toString(BATCH),
                "--no-warmup", "--cache-ram", "0", "--no-webui"));
        if (Workload.KV_UNIFIED) {
            command.addAll(List.of("--kv-unified", "--kv-unified-per-slot", Integer.toString(w.context())));
        } else {
            command.add("--no-kv-unified"); // then each slot has -c / -np cells: the same context per sequence
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LlamaServer server = new LlamaServer(process, port, w);
        try {
            while (server.health() != 200) {
                if (!process.isAlive()) {
                    throw new IOException("llama-server exited with " + process.exitValue() + "; its log: " + log
                            + "\n" + tail(log));
                }
                if (System.nanoTime() - start > START_TIMEOUT_NANOS) {
                    throw new IOException("llama-server did not become ready in 2 minutes; its log: " + log);
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.startMillis = (System.nanoTime() - start) / 1e6;
        return server;
    }

    /** From the start of the process until it answered /health. */
    double startMillis() {
        return startMillis;
    }

    private int health() {
        try (ServerStream s = new ServerStream()) {
            return s.exchange(port, "GET", "/health", null, () -> { }, line -> { });
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    /** A port nobody listens on now: llama-server binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    @Override
    public Conversation conversation() {
        return new ServerConversation();
    }

    @Override
    public double rssMib() {
        return Figures.rssMib(process.pid());
    }

    /** The bench's own JVM: its JIT compiles the stream readers during the first streams. */
    @Override
    public List<Long> processIds() {
        return List.of(ProcessHandle.current().pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A conversation whose history is the plain concatenation of its turns, as the bridge renders a model without a template. */
    private final class ServerConversation implements Conversation {
        private String history = "";
        private volatile ServerStream current;
        private int promptTokens;
        private int readTokens;

        @Override
        public StreamClock stream(String prompt, int maxTokens, IntConsumer onToken) {
            String whole = history + prompt;
            StringBuilder answer = new StringBuilder();
            StreamClock clock = new StreamClock();
            String request = String.format(Locale.ROOT, "{\"prompt\":%s,\"n_predict\":%d,\"stream\":true,"
                    + "\"temperature\":%s,\"top_k\":%d,\"top_p\":%s,\"min_p\":%s,\"repeat_penalty\":%s,\"seed\":%d,"
                    + "\"ignore_eos\":true,\"cache_prompt\":true}", Json.quote(whole), maxTokens, w.temperature(),
                    Workload.TOP_K, Workload.TOP_P, Workload.MIN_P, Workload.REPEAT_PENALTY, w.seed());
            try (ServerStream s = new ServerStream()) {
                current = s;
                int status = s.exchange(port, "POST", "/completion", request, clock::dispatched, line -> {
                    if (!line.startsWith("data: ")) {
                        return;
                    }
                    String content = Json.string(line, "content");
                    if (content != null && !content.isEmpty()) {
                        answer.append(content);
                        clock.token();
                        onToken.accept(clock.tokens());
                    }
                    if (line.contains("\"stop\":true")) {
                        promptTokens = (int) Json.number(line, "tokens_evaluated");
                        readTokens = (int) Json.number(line, "prompt_n");
                    }
                });
                if (status != 200 && status != -1) {
                    throw new IllegalStateException("llama-server answered HTTP " + status + " to /completion");
                }
            } catch (IOException e) {
                throw new IllegalStateException("llama-server stream failed: " + e.getMessage(), e);
            } finally {
                current = null;
            }
            history = whole + answer;
            return clock;
        }

        @Override
        public void stop() {
            ServerStream s = current;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void reset() {
            history = "";
        }

        @Override
        public int lastPromptTokens() {
            return promptTokens;
        }

        @Override
        public int lastReadTokens() {
            return readTokens;
        }

        @Override
        public void close() {
            stop();
        }
    }
}
