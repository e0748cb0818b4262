package dev.juxta.app.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs test code on the FX thread (started once, headless under Monocle) and waits for conditions. */
public final class Fx {
    /** Runs tasks on the calling thread: a turn then completes inside send(). */
    public static final Executor SYNCHRONOUS = Runnable::run;
    private static boolean started;

    private Fx() {
    }

    public static synchronized void start() {
        if (!started) {
            // Through TestFX, so that unit tests and the TestFX tests in the same JVM share one toolkit start.
            try {
                org.testfx.api.FxToolkit.registerPrimaryStage();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the FX toolkit did not start", e);
            }
            started = true;
        }
    }

    public static <T> T call(Supplier<T> action) {
        start();
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs an action on the FX thread, then lets the events it queued run: a Task run by the
     * synchronous executor still reports its end through Platform.runLater.
     */
    public static void runAndSettle(Runnable action) {
        run(action);
        run(() -> { });
        run(() -> { });
    }

    /** Polls {@code condition} on the FX thread until it holds. */
    public static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (call(condition::getAsBoolean)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
}
