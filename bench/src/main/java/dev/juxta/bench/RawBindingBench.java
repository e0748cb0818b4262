package dev.juxta.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM that drives the raw binding: {@code RawBindingBench <workload.properties> <native-dir>}.
 * Prints its figures as {@code RAW key=value} lines on stdout (the binding's loader prints there
 * too) and always ends with {@link Runtime#halt}: the binding leaves a non-daemon native thread.
 */
public final class RawBindingBench {
    static final String PREFIX = "RAW ";

    private RawBindingBench() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status = 0;
        try {
            Workload w = Workload.load(Path.of(args[0]));
            Path nativeDir = Files.createDirectories(Path.of(args[1]));
            System.setProperty("de.kherud.llama.tmpdir", nativeDir.toString());
            long start = System.nanoTime();
            RawDriver driver = RawDriver.load(w);
            print(out, Figures.LOAD_MS, (System.nanoTime() - start) / 1e6);
            for (Map.Entry<String, Double> e : Protocol.run(driver, w).asMap().entrySet()) {
                print(out, e.getKey(), e.getValue());
            }
            out.println(PREFIX + "done=1");
        } catch (Throwable t) {
            out.println(PREFIX + "error=" + String.valueOf(t).replace('\n', ' '));
            t.printStackTrace();
            status = 1;
        }
        out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    private static void print(PrintStream out, String key, double value) {
        out.println(PREFIX + key + "=" + value);
        out.flush();
    }
}
