package dev.juxta.bench.fx;

import dev.juxta.app.JuxtaApp;
import dev.juxta.app.chat.ChatState;
import dev.juxta.app.chat.ChatView;
import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.StreamCounts;
import dev.juxta.app.chat.TurnModel;
import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.StreamStats;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

/**
 * The FX part of the benchmark: the real Juxta window with four panes streaming stories260K at full
 * speed. Measures the FX thread's pauses while they stream ({@link FxProbe}) and checks, per pane,
 * that every delta the bridge produced was shown and that the pane's answer equals the session's
 * transcript. See bench/README.md, "FX thread under four streams", for the command.
 *
 * <p>Options: {@code --panes N} (4), {@code --rounds N} (1; each round sends the prompt to all panes
 * at once and waits until all are done, then clears them), {@code --max-tokens N} (1500),
 * {@code --warmup-tokens N} (64, one unmeasured round first; 0 skips it), {@code --idle-seconds N}
 * (3, an idle baseline), {@code --threshold MS} (20), {@code --probe-ms MS} (2),
 * {@code --model FILE} (stories260K.gguf in the shared models folder), {@code --prompt TEXT},
 * {@code --width W --height H} (1600x900), {@code --threads N} (the engine's compute threads; default
 * as the app: one per core; other values reload the model into all panes with that many).
 */
public final class FxBench {
    static int panes = 4;
    static int rounds = 1;
    static int maxTokens = 1500;
    static int warmupTokens = 64;
    static int idleSeconds = 3;
    static double threshold = 20;
    static int probeMillis = 2;
    static int width = 1600;
    static int height = 900;
    static String prompt = "Once upon a time";
    static int threads;
    static Path model;

    private FxBench() {
    }

    public static void main(String[] args) throws Exception {
        model = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models", "stories260K.gguf");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--panes" -> panes = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--max-tokens" -> maxTokens = Integer.parseInt(value);
                case "--warmup-tokens" -> warmupTokens = Integer.parseInt(value);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(value);
                case "--threshold" -> threshold = Double.parseDouble(value);
                case "--probe-ms" -> probeMillis = Integer.parseInt(value);
                case "--width" -> width = Integer.parseInt(value);
                case "--height" -> height = Integer.parseInt(value);
                case "--prompt" -> prompt = value;
                case "--model" -> model = Path.of(value);
                case "--threads" -> threads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        model = model.toAbsolutePath().normalize();
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model at " + model);
        }
        Path home = Files.createTempDirectory("juxta-fxbench");
        System.setProperty("juxta.home", home.toString());
        AppSettings.load(AppDirs.fromEnvironment()).rememberModel(model);
        JuxtaApp.configureRendering();
        Application.launch(Run.class);
    }

    /** The application (nested: a main class that extends Application would need the module path). */
    public static final class Run extends Application {
        private final JuxtaApp app = new JuxtaApp();
        private FxProbe probe;
        private CpuUse cpuBefore;
        private CpuUse cpuAfter;

        @Override
        public void start(Stage stage) {
            app.start(stage);
            stage.setWidth(width);
            stage.setHeight(height);
            probe = new FxProbe(threshold, probeMillis, this::shownLengths);
            probe.install(stage.getScene());
            Thread driver = new Thread(this::drive, "fxbench-driver");
            driver.setDaemon(true);
            driver.start();
        }

        /** FX thread: the answer lengths of the panes' current turns, noted with each long pause. */
        private String shownLengths() {
            return app.workspace().panes().stream()
                    .map(p -> p.turns().isEmpty() ? "-" : Integer.toString(p.turns().getLast().answer().length()))
                    .collect(Collectors.joining("/", "answer chars ", ""));
        }

        private void drive() {
            int exit = 0;
            try {
                run();
            } catch (Throwable e) {
                e.printStackTrace();
                exit = 2;
            } finally {
                int code = exit;
                Platform.runLater(() -> {
                    probe.stop();
                    app.stop();
                    Platform.exit();
                });
                sleep(2000);
                System.exit(code);
            }
        }

        private void run() throws Exception {
            waitFor("the model in the first panes", Duration.ofSeconds(120), () -> allIdle() && app.workspace().lastModel().isPresent());
            fx(() -> {
                while (app.workspace().panes().size() < panes) {
                    app.workspace().newPane();
                }
                return null;
            });
            sleep(500);
            fx(() -> {
                List<ChatViewModel> missing = app.workspace().panes().stream().filter(p -> p.state() == ChatState.NO_MODEL).toList();
                if (!missing.isEmpty()) {
                    app.workspace().loadModel(model, ModelOptions.defaults(), missing);
                }
                return null;
            });
            waitFor("the model in all " + panes + " panes", Duration.ofSeconds(120), this::allIdle);
            if (threads > 0) {
                fx(() -> app.workspace().loadModelForAll(model, ModelOptions.defaults().withThreads(threads)));
                sleep(500);
                waitFor("the model with " + threads + " threads", Duration.ofSeconds(120), this::allIdle);
            }

            // Idle baseline: the same window, nothing streaming.
            probe.recording(true);
            sleep(idleSeconds * 1000L);
            probe.recording(false);
            Baseline idle = fx(() -> new Baseline(probe.pulseGaps().copy(), probe.probeLatency().copy()));

            if (warmupTokens > 0) {
                round(warmupTokens);
                clearAll();
            }
            fx(() -> {
                probe.reset();
                return null;
            });

            List<Round> measured = new ArrayList<>();
            cpuBefore = CpuUse.now();
            for (int r = 0; r < rounds; r++) {
                measured.add(round(maxTokens));
                if (r < rounds - 1) {
                    clearAll();
                }
            }
            fx(() -> {
                report(idle, measured);
                return null;
            });
        }

        /** Sends the prompt to all panes at once, records while they stream, checks each pane after. */
        private Round round(int tokens) throws Exception {
            List<Counts> before = fx(() -> {
                for (ChatViewModel pane : app.workspace().panes()) {
                    pane.settings().maxTokensProperty().set(Integer.toString(tokens));
                }
                return app.workspace().panes().stream().map(p -> Counts.of(p.streamCounts())).toList();
            });
            long t0 = System.nanoTime();
            probe.recording(true);
            int sent = fx(() -> app.workspace().sendToAll(prompt));
            if (sent != panes) {
                throw new IllegalStateException("only " + sent + " of " + panes + " panes took the prompt");
            }
            waitFor("all panes to finish", Duration.ofMinutes(10), () -> app.workspace().panes().stream().noneMatch(p -> p.state().isBusy()));
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            probe.recording(false);
            cpuAfter = CpuUse.now();
            return fx(() -> {
                List<PaneResult> results = new ArrayList<>();
                List<ChatViewModel> all = app.workspace().panes();
                for (int i = 0; i < all.size(); i++) {
                    ChatViewModel pane = all.get(i);
                    ChatSession session = sessionOf(pane);
                    TurnModel turn = pane.turns().getLast();
                    List<ChatTurn> transcript = session.transcript();
                    String said = transcript.isEmpty() ? null : transcript.getLast().assistant();
                    results.add(new PaneResult(pane.name(), pane.state(), Counts.of(pane.streamCounts()).minus(before.get(i)),
                            turn.answer().length(), turn.answer().equals(said), session.lastStats(), showsTheEnd(pane)));
                }
                return new Round(wallSeconds, results);
            });
        }

        /** The pane's conversation shows its end: it followed the answer (or all of it fits). */
        private boolean showsTheEnd(ChatViewModel pane) {
            ScrollPane scroller = (ScrollPane) app.view().lookup("#" + ChatView.idOf(pane.name()) + "-conversation");
            return scroller != null && (scroller.getVvalue() >= scroller.getVmax() - 0.01
                    || scroller.getContent().getLayoutBounds().getHeight() <= scroller.getViewportBounds().getHeight());
        }

        private void clearAll() throws Exception {
            fx(() -> {
                app.workspace().panes().forEach(ChatViewModel::clear);
                return null;
            });
        }

        private boolean allIdle() {
            return app.workspace().panes().stream().allMatch(p -> p.state() == ChatState.IDLE);
        }

        private void report(Baseline idle, List<Round> measured) {
            FxProbe.Samples waits = probe.probeLatency();
            FxProbe.Samples gaps = probe.pulseGaps();
            FxProbe.Samples layout = probe.layoutTimes();
            List<FxProbe.GcPause> gcs = probe.gcPauses();
            String gcNames = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).collect(Collectors.joining(", "));
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%nFX thread under %d streams: %s, %d panes, %d rounds, max tokens %d, window %dx%d, engine threads %s%n",
                    panes, model.getFileName(), panes, rounds, maxTokens, width, height,
                    threads > 0 ? Integer.toString(threads) : "default (" + ModelOptions.recommendedThreads() + ")"));
            out.append(String.format(Locale.ROOT, "glass %s, prism.order %s, prism.dirtyregioncount %s, prism.disableRegionCaching %s, %d cores, load average %.2f, GC %s, heap max %d MB%n",
                    System.getProperty("glass.platform", "default (gtk)"), System.getProperty("prism.order", "default"),
                    System.getProperty("prism.dirtyregioncount", "default"),
                    System.getProperty("prism.disableRegionCaching", "default"),
                    Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    gcNames, Runtime.getRuntime().maxMemory() >> 20));
            // The app runs with the options of bin/run and packaging/app-image.cfg; say which these were.
            out.append(String.format(Locale.ROOT, "JVM options: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm")).collect(Collectors.joining(" "))));
            out.append(String.format(Locale.ROOT, "idle baseline (%d s, nothing streaming): pulse gap max %.1f ms, p99 %.1f ms; probe wait max %.1f ms, p99 %.1f ms%n%n",
                    idleSeconds, idle.gaps.max(), idle.gaps.percentile(99), idle.waits.max(), idle.waits.percentile(99)));

            boolean fxOk = waits.max() <= threshold;
            boolean framesOk = gaps.max() <= threshold;
            long received = 0;
            long shown = 0;
            long charsReceived = 0;
            long charsShown = 0;
            long answerChars = 0;
            boolean textOk = true;
            int panesAtTheEnd = 0;
            int panesMeasured = 0;
            for (Round round : measured) {
                for (PaneResult p : round.panes) {
                    received += p.counts.deltasReceived;
                    shown += p.counts.deltasShown;
                    charsReceived += p.counts.charsReceived;
                    charsShown += p.counts.charsShown;
                    answerChars += p.answerChars;
                    textOk &= p.textEqual;
                    panesAtTheEnd += p.showsTheEnd ? 1 : 0;
                    panesMeasured++;
                }
            }
            boolean lostOk = received == shown && charsReceived == charsShown && charsShown == answerChars;

            out.append(String.format(Locale.ROOT, "| %-44s | %-22s | %-10s | %-6s |%n", "metric (while streaming)", "value", "target", "result"));
            out.append(String.format(Locale.ROOT, "| %-44s | %-22s | %-10s | %-6s |%n", "-".repeat(44), "-".repeat(22), "-".repeat(10), "-".repeat(6)));
            row(out, "longest FX pause (runLater probe wait)", ms(waits.max()), "<= " + fmt(threshold) + " ms", fxOk);
            row(out, "probe waits > " + fmt(threshold) + " ms", waits.countOver(threshold) + " of " + waits.count(), "0", waits.countOver(threshold) == 0);
            row(out, "probe wait p99 / p50", ms(waits.percentile(99)) + " / " + ms(waits.percentile(50)), "", null);
            row(out, "longest pulse gap (frame interval)", ms(gaps.max()), "<= " + fmt(threshold) + " ms", framesOk);
            row(out, "pulse gaps > " + fmt(threshold) + " ms", gaps.countOver(threshold) + " of " + gaps.count(), "0", gaps.countOver(threshold) == 0);
            row(out, "pulse gap p99 / p50", ms(gaps.percentile(99)) + " / " + ms(gaps.percentile(50)), "", null);
            row(out, "css+layout per pulse max / p99", ms(layout.max()) + " / " + ms(layout.percentile(99)), "", null);
            double gcTotal = gcs.stream().mapToDouble(FxProbe.GcPause::millis).sum();
            double gcMax = gcs.stream().mapToDouble(FxProbe.GcPause::millis).max().orElse(0);
            row(out, "GC pauses: count, total, longest", gcs.size() + ", " + ms(gcTotal) + ", " + ms(gcMax), "", null);
            row(out, "deltas shown / produced (all panes)", shown + " / " + received, "equal", received == shown);
            row(out, "chars shown / received / in answers", charsShown + " / " + charsReceived + " / " + answerChars, "equal", lostOk);
            row(out, "answer text == transcript (every turn)", textOk ? "yes" : "NO", "yes", textOk);
            row(out, "panes showing their answer's end", panesAtTheEnd + " of " + panesMeasured, "all", panesAtTheEnd == panesMeasured);

            out.append(String.format(Locale.ROOT, "%n| %-7s | %-9s | %-9s | %-9s | %-9s | %-7s | %-12s | %-8s | %-22s |%n",
                    "pane", "deltas", "shown", "chars", "shown", "tokens", "tok/s", "text ok", "stop reasons"));
            out.append(String.format(Locale.ROOT, "| %-7s | %-9s | %-9s | %-9s | %-9s | %-7s | %-12s | %-8s | %-22s |%n",
                    "-".repeat(7), "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(7), "-".repeat(12), "-".repeat(8), "-".repeat(22)));
            long allTokens = 0;
            double wall = measured.stream().mapToDouble(Round::wallSeconds).sum();
            for (int i = 0; i < panes; i++) {
                long dr = 0;
                long ds = 0;
                long cr = 0;
                long cs = 0;
                long tokens = 0;
                double streamSeconds = 0;
                boolean ok = true;
                Map<String, Integer> reasons = new TreeMap<>();
                String name = "";
                for (Round round : measured) {
                    PaneResult p = round.panes.get(i);
                    name = p.name;
                    dr += p.counts.deltasReceived;
                    ds += p.counts.deltasShown;
                    cr += p.counts.charsReceived;
                    cs += p.counts.charsShown;
                    ok &= p.textEqual;
                    StreamStats s = p.stats;
                    if (s != null) {
                        tokens += s.generatedTokens();
                        if (s.tokensPerSecond() > 0) {
                            streamSeconds += (s.generatedTokens() - 1) / s.tokensPerSecond();
                        }
                        reasons.merge(s.stopReason() == null ? "?" : s.stopReason().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                    }
                }
                allTokens += tokens;
                double tps = streamSeconds > 0 ? (tokens - measured.size()) / streamSeconds : 0;
                out.append(String.format(Locale.ROOT, "| %-7s | %9d | %9d | %9d | %9d | %7d | %12.1f | %-8s | %-22s |%n",
                        name, dr, ds, cr, cs, tokens, tps, ok ? "yes" : "NO", reasons));
            }
            out.append(String.format(Locale.ROOT, "aggregate: %d tokens in %.2f s of rounds (send to last answer) = %.1f tok/s%n",
                    allTokens, wall, allTokens / wall));
            out.append(String.format(Locale.ROOT, "rounds: %s%n", measured.stream()
                    .map(r -> String.format(Locale.ROOT, "%.2f s", r.wallSeconds)).collect(Collectors.joining(", "))));
            out.append(String.format(Locale.ROOT, "flushes (frames that showed text), all panes: %d for %d deltas%n",
                    measured.stream().flatMap(r -> r.panes.stream()).mapToLong(p -> p.counts.flushes).sum(), received));
            out.append(String.format(Locale.ROOT, "app CPU while streaming (%d frames): %s%n",
                    gaps.count(), cpuAfter.since(cpuBefore, wall, gaps.count())));

            List<FxProbe.Pause> pauses = new ArrayList<>(probe.pauses());
            pauses.sort((a, b) -> Double.compare(b.millis(), a.millis()));
            if (!pauses.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%nlongest pauses over %s ms (at ms since start; the FX and renderer threads' run and CPU-wait time in them; GC pauses overlapping them):%n", fmt(threshold)));
                for (FxProbe.Pause p : pauses.subList(0, Math.min(12, pauses.size()))) {
                    String overlapping = gcs.stream()
                            .filter(g -> g.startMs() <= p.endMs() && g.startMs() + g.millis() >= p.endMs() - p.millis())
                            .map(g -> String.format(Locale.ROOT, "%s %s %.1f ms", g.name(), g.cause(), g.millis()))
                            .collect(Collectors.joining("; "));
                    String sched = "  FX " + p.fx() + "; renderer " + p.renderer();
                    out.append(String.format(Locale.ROOT, "  %-11s %7.1f ms at %9.1f  %s%s%s%n", p.kind(), p.millis(), p.endMs(), p.context(),
                            sched, overlapping.isEmpty() ? "" : "  GC: " + overlapping));
                }
            }
            boolean viewsOk = panesAtTheEnd == panesMeasured;
            // The 20 ms pause target was withdrawn: the idle VM's own pauses are longer. The longest
            // pause is a figure beside the idle baseline; the verdict is about what the panes show.
            boolean pass = received == shown && lostOk && textOk && viewsOk;
            out.append(String.format(Locale.ROOT, "%nFX bench: %s (nothing lost: %s; views follow: %s); longest FX pause %.1f ms"
                            + " (%s %s ms), idle baseline %.1f ms%n",
                    pass ? "PASS" : "FAIL", received == shown && lostOk && textOk ? "PASS" : "FAIL", viewsOk ? "PASS" : "FAIL",
                    waits.max(), fxOk ? "within" : "over", fmt(threshold), idle.waits.max()));
            System.out.print(out);
            System.out.flush();
        }

        private static void row(StringBuilder out, String metric, String value, String target, Boolean ok) {
            out.append(String.format(Locale.ROOT, "| %-44s | %-22s | %-10s | %-6s |%n", metric, value, target,
                    ok == null ? "" : ok ? "PASS" : "FAIL"));
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, "%.1f ms", v);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }

        /**
         * The pane's session, for its transcript and last stats. ChatViewModel does not expose it; the
         * bench runs on the class path, so it reads the private field.
         */
        private static ChatSession sessionOf(ChatViewModel pane) {
            try {
                Field field = ChatViewModel.class.getDeclaredField("session");
                field.setAccessible(true);
                return (ChatSession) field.get(pane);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read ChatViewModel.session", e);
            }
        }

        private void waitFor(String what, Duration timeout, BooleanSupplier condition) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            while (!fx(condition::getAsBoolean)) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("timed out waiting for " + what + "; states "
                            + fx(() -> app.workspace().panes().stream().map(p -> p.name() + "=" + p.state()).toList()));
                }
                sleep(50);
            }
        }

        private static <T> T fx(Callable<T> call) throws Exception {
            CompletableFuture<T> result = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    result.complete(call.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            return result.get(60, TimeUnit.SECONDS);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    record Baseline(FxProbe.Samples gaps, FxProbe.Samples waits) {
    }

    record Round(double wallSeconds, List<PaneResult> panes) {
    }

    record PaneResult(String name, ChatState end, Counts counts, int answerChars, boolean textEqual, StreamStats stats, boolean showsTheEnd) {
    }

    record Counts(long deltasReceived, long deltasShown, long charsReceived, long charsShown, long flushes) {
        static Counts of(StreamCounts b) {
            return new Counts(b.deltasReceived(), b.deltasShown(), b.charsReceived(), b.charsShown(), b.flushes());
        }

        Counts minus(Counts o) {
            return new Counts(deltasReceived - o.deltasReceived, deltasShown - o.deltasShown, charsReceived - o.charsReceived,
                    charsShown - o.charsShown, flushes - o.flushes);
        }
    }
}
