package dev.juxta.app.selftest;

import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.app.history.HistoryStore;
import dev.juxta.app.workspace.ComparisonSnapshot;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Headless self-test of an installed Juxta: {@code Juxta --self-test <model.gguf>}.
 *
 * <p>Loads the model through the bridge (so the engine child process starts from the installed
 * launcher and runtime), creates two sessions, streams one reply in both <em>at the same time</em>
 * (one thread each), prints each reply prefixed with its session name and a summary line, and
 * returns 0. Any failure returns a non-zero code with a message on stderr that says what went wrong,
 * also when the two streams did not overlap or their greedy replies differ. The engine decodes
 * each session on its own ({@link ModelOptions#reproducible()}), so equal replies are owed bit for
 * bit on any model, not only on those whose kernels batch rows identically.
 * It never touches JavaFX, so it needs no display.
 */
public final class SelfTest {
    public static final int OK = 0;
    /** Unexpected failure (a bug): the message and stack trace are printed. */
    public static final int FAILED = 1;
    /** Bad command line or model path. */
    public static final int USAGE = 2;
    /** The model did not load (bad file, engine did not start). */
    public static final int LOAD_FAILED = 3;
    /** A stream reported an error, was cancelled or produced no text. */
    public static final int STREAM_FAILED = 4;
    /** Loading or streaming took longer than the timeout. */
    public static final int TIMEOUT = 5;
    /** The two sessions did not stream at the same time, or their greedy replies differ. */
    public static final int NOT_SIDE_BY_SIDE = 6;
    /** The history database could not keep a comparison (SQLite's native library, the java.sql module). */
    public static final int HISTORY_FAILED = 7;

    static final String DEFAULT_PROMPT = "Once upon a time";
    static final int DEFAULT_MAX_TOKENS = 32;
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final List<String> SESSION_NAMES = List.of("A", "B");

    private static final String USAGE_TEXT = """
            usage: Juxta --self-test <model.gguf> [--prompt TEXT] [--max-tokens N] [--timeout SECONDS]
              Loads the model, streams one reply in two sessions at once, prints both, checks that
              a comparison can be kept in a history database, and exits.
              Exit codes: 0 ok, 1 unexpected failure, 2 usage or bad path, 3 load failed,
                          4 stream failed, 5 timeout (default %d s), 6 the two sessions did not
                          stream at the same time or their greedy replies differ, 7 the history
                          database could not keep a comparison.""".formatted(DEFAULT_TIMEOUT_SECONDS);

    private SelfTest() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("juxta self-test: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_TEXT);
            return OK;
        }
        try {
            return new SelfTest.Run(options, out, err).execute();
        } catch (RuntimeException | Error e) {
            err.println("juxta self-test: FAILED: unexpected " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    /** Parsed command line. */
    record Options(Path model, String prompt, int maxTokens, int timeoutSeconds) {
        /** Returns null for --help. */
        static Options parse(String[] args) {
            Path model = null;
            String prompt = DEFAULT_PROMPT;
            int maxTokens = DEFAULT_MAX_TOKENS;
            int timeout = DEFAULT_TIMEOUT_SECONDS;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--prompt" -> prompt = value(args, ++i, a);
                    case "--max-tokens" -> maxTokens = positive(value(args, ++i, a), a);
                    case "--timeout" -> timeout = positive(value(args, ++i, a), a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (model != null) {
                            throw new IllegalArgumentException("more than one model given: " + model + ", " + a);
                        }
                        model = Path.of(a);
                    }
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("no model given");
            }
            return new Options(model, prompt, maxTokens, timeout);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String text, String option) {
            try {
                int v = Integer.parseInt(text);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new IllegalArgumentException(option + " must be a positive whole number, was '" + text + "'");
        }
    }

    /** One self-test run. */
    private static final class Run {
        private final Options options;
        private final PrintStream out;
        private final PrintStream err;
        private final long deadlineNanos;

        Run(Options options, PrintStream out, PrintStream err) {
            this.options = options;
            this.out = out;
            this.err = err;
            this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        }

        int execute() {
            Path model = options.model().toAbsolutePath().normalize();
            if (!Files.isRegularFile(model)) {
                return fail(USAGE, "model file not found: " + model);
            }
            if (!Files.isReadable(model)) {
                return fail(USAGE, "model file not readable: " + model);
            }
            out.println("juxta self-test: loading " + model);

            long t0 = System.nanoTime();
            AtomicReference<LlamaEngine> loaded = new AtomicReference<>();
            AtomicReference<Throwable> loadError = new AtomicReference<>();
            Thread loader = Thread.ofPlatform().daemon().name("selftest-load").start(() -> {
                try {
                    loaded.set(LlamaEngine.load(model, ModelOptions.defaults().withReproducible(true)));
                } catch (Throwable t) {
                    loadError.set(t);
                }
            });
            if (!join(loader)) {
                return fail(TIMEOUT, "model did not load within " + options.timeoutSeconds() + " s");
            }
            if (loadError.get() != null) {
                return fail(LOAD_FAILED, "model did not load: " + describe(loadError.get()));
            }
            LlamaEngine engine = loaded.get();
            try {
                out.printf(Locale.ROOT, "juxta self-test: loaded in %d ms, engine process %s%n",
                        millisSince(t0), engineDescription(engine));
                int streamed = streamBoth(engine);
                return streamed == OK ? keepInHistory() : streamed;
            } finally {
                closeQuietly(engine);
            }
        }

        private int streamBoth(LlamaEngine engine) {
            SessionOptions sessionOptions = SessionOptions.defaults()
                    .withTemperature(0)
                    .withMaxTokens(options.maxTokens());
            List<Reply> replies = new ArrayList<>();
            for (String name : SESSION_NAMES) {
                replies.add(new Reply(engine.createSession(name, sessionOptions)));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Reply reply : replies) {
                threads.add(Thread.ofPlatform().daemon().name("selftest-" + reply.session.name())
                        .start(() -> reply.run(start, options.prompt())));
            }
            long t0 = System.nanoTime();
            start.countDown();
            boolean allDone = true;
            for (Thread t : threads) {
                allDone &= join(t);
            }
            long totalMs = millisSince(t0);
            if (!allDone) {
                replies.forEach(r -> r.session.cancel());
                for (Reply r : replies) {
                    out.println("[" + r.session.name() + "] (unfinished) " + r.text);
                }
                return fail(TIMEOUT, "streams did not finish within " + options.timeoutSeconds() + " s");
            }

            int code = OK;
            for (Reply r : replies) {
                out.println("[" + r.session.name() + "] " + options.prompt() + r.text);
                if (r.error != null) {
                    code = fail(STREAM_FAILED, "session " + r.session.name() + " failed: " + r.error);
                } else if (r.cancelled) {
                    code = fail(STREAM_FAILED, "session " + r.session.name() + " was cancelled");
                } else if (r.text.isEmpty()) {
                    code = fail(STREAM_FAILED, "session " + r.session.name() + " streamed no text");
                }
            }
            if (code != OK) {
                return code;
            }
            Reply a = replies.get(0);
            Reply b = replies.get(1);
            String problem = sideBySideProblem(a.firstDeltaNanos, a.endNanos, a.text.toString(),
                    b.firstDeltaNanos, b.endNanos, b.text.toString());
            if (problem != null) {
                return fail(NOT_SIDE_BY_SIDE, problem);
            }
            StringBuilder summary = new StringBuilder("juxta self-test: OK: ")
                    .append(replies.size()).append(" sessions streamed at the same time, the same greedy reply, in ")
                    .append(totalMs).append(" ms (");
            for (int i = 0; i < replies.size(); i++) {
                Reply r = replies.get(i);
                summary.append(i == 0 ? "" : ", ").append(r.session.name()).append(": ").append(r.deltas)
                        .append(" chunks, ").append(r.text.length()).append(" chars");
            }
            summary.append(')');
            out.println(summary);
            return OK;
        }

        /** Joins a thread until the deadline; false if it is still running then. */
        /** The runtime can keep the history: SQLite's native library loads, and a comparison goes in and comes back. */
        private int keepInHistory() {
            String answer = "a reply kept by the self-test ✓";
            ComparisonSnapshot saved = new ComparisonSnapshot("self-test", options.prompt(), Instant.now(), List.of(
                    new PaneSnapshot("A", null, SessionOptions.defaults(), List.of(new TurnSnapshot(options.prompt(), answer, 1, null)))));
            try {
                Path file = Files.createTempDirectory("juxta-self-test").resolve("history.db");
                try (HistoryStore store = HistoryStore.open(file)) {
                    store.save(saved);
                }
                try (HistoryStore store = HistoryStore.open(file)) {
                    String back = store.load(saved.id()).map(c -> c.panes().getFirst().turns().getFirst().answer()).orElse(null);
                    if (!answer.equals(back)) {
                        return fail(HISTORY_FAILED, "the history database gave back " + back + " for " + answer);
                    }
                }
                out.println("juxta self-test: the history database keeps a comparison (" + file + ")");
                return OK;
            } catch (IOException | RuntimeException e) {
                return fail(HISTORY_FAILED, "the history database failed: " + describe(e));
            }
        }

        private boolean join(Thread t) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !t.isAlive();
        }

        private void closeQuietly(LlamaEngine engine) {
            Thread closer = Thread.ofPlatform().daemon().name("selftest-close").start(() -> {
                try {
                    engine.close();
                } catch (RuntimeException e) {
                    err.println("juxta self-test: warning: closing the engine failed: " + describe(e));
                }
            });
            try {
                closer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                err.println("juxta self-test: warning: the engine did not close within 10 s");
            }
        }

        private int fail(int code, String message) {
            err.println("juxta self-test: FAILED: " + message);
            return code;
        }
    }

    /** One session's streamed reply; written by its stream thread, read after join. */
    private static final class Reply implements GenStream {
        final LlamaSession session;
        final StringBuilder text = new StringBuilder();
        volatile int deltas;
        volatile String error;
        volatile boolean cancelled;
        volatile long firstDeltaNanos = Long.MAX_VALUE;
        volatile long endNanos = Long.MIN_VALUE;

        Reply(LlamaSession session) {
            this.session = session;
        }

        void run(CountDownLatch start, String prompt) {
            try {
                start.await();
                session.stream(prompt, this);
            } catch (InterruptedException e) {
                error = "interrupted";
            } catch (Throwable t) {
                error = describe(t);
            } finally {
                if (endNanos == Long.MIN_VALUE) {
                    endNanos = System.nanoTime();
                }
            }
        }

        @Override
        public void onDelta(String delta) {
            if (deltas == 0) {
                firstDeltaNanos = System.nanoTime();
            }
            deltas++;
            synchronized (text) {
                text.append(delta);
            }
        }

        @Override
        public void onComplete() {
            endNanos = System.nanoTime();
        }

        @Override
        public void onError(String message) {
            error = message;
            endNanos = System.nanoTime();
        }

        @Override
        public void onCancelled() {
            cancelled = true;
            endNanos = System.nanoTime();
        }
    }

    private static String engineDescription(LlamaEngine engine) {
        try {
            long pid = engine.engineProcessId();
            String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
            return pid + " (" + command + ")";
        } catch (RuntimeException e) {
            return "? (" + describe(e) + ")";
        }
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }

    /**
     * Why two replies of the same greedy prompt fail the self-test, or null: their streams must
     * overlap (each one's first delta before the other's end) and their texts be equal.
     */
    static String sideBySideProblem(long aFirstDelta, long aEnd, String aText, long bFirstDelta, long bEnd, String bText) {
        if (aFirstDelta >= bEnd || bFirstDelta >= aEnd) {
            return "the two sessions streamed one after the other, not at the same time";
        }
        return aText.equals(bText) ? null : "the two greedy replies differ";
    }
}
