package dev.juxta.app.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Executors of named daemon threads, so a stuck stream never keeps the JVM alive after the window closes. */
public final class DaemonExecutor {
    private DaemonExecutor() {
    }

    /** A cached pool whose threads are called {@code prefix-1}, {@code prefix-2}, ... */
    public static ExecutorService named(String prefix) {
        return Executors.newCachedThreadPool(threadFactory(prefix));
    }

    static ThreadFactory threadFactory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
