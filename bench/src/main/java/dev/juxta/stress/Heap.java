package dev.juxta.stress;

import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/** What the worker's Java heap holds: to tell a leak (live objects that grow) from a heap that is merely large. */
final class Heap {
    private Heap() {
    }

    /** Kilobytes of the heap in use right after a full collection: the live objects. */
    static long liveKb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    /** The classes with the most live bytes, as {@code jcmd GC.class_histogram} prints them (it collects first). */
    static String topClasses(int count) {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return histogram.lines().limit(count + 2L).collect(Collectors.joining("\n"));
        } catch (JMException e) {
            return "no class histogram: " + e.getMessage();
        }
    }
}
