package dev.juxta.llama;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses a load whose estimated memory (weights, KV cache of every slot, compute buffer) exceeds
 * the memory available now, instead of letting the engine be killed by the OS half-way.
 */
final class MemoryCheck {
    private MemoryCheck() {
    }

    static void requireFits(ModelInfo model, int contextLength, int sessions) {
        requireFits(model, contextLength, sessions, availableBytes());
    }

    static void requireFits(ModelInfo model, int contextLength, int sessions, long available) {
        long needed = model.estimateMemoryBytes(contextLength, sessions);
        if (available > 0 && needed > available) {
            long kv = model.kvBytesPerToken() * contextLength * sessions;
            throw new LlamaException(String.format(Locale.ROOT,
                    "%s with %d sessions of %d tokens needs about %s (KV cache %s), but only %s of memory is available;"
                            + " choose a smaller context or fewer sessions",
                    model.file().getFileName(), sessions, contextLength, gib(needed), gib(kv), gib(available)));
        }
    }

    /** MemAvailable on Linux, otherwise the free physical memory; 0 when unknown. */
    static long availableBytes() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                for (String line : Files.readAllLines(meminfo)) {
                    if (line.startsWith("MemAvailable:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the JVM's view
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return 0;
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
