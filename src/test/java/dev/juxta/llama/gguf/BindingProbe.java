package dev.juxta.llama.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Run in a child JVM by the tests: loads a model through the real llama.cpp binding and generates a
 * few tokens greedily. Prints {@code TOKENS <n>} and exits 0; a clean Java exception from the binding
 * prints {@code JAVA_EXCEPTION ...} and exits 3. A native crash kills the JVM (exit code 134/139...).
 *
 * <p>Usage: {@code BindingProbe <model.gguf> <tokens>}
 */
public final class BindingProbe {
    private BindingProbe() {}

    public static void main(String[] args) throws IOException {
        Path tmp = Files.createTempDirectory("juxta-jllama-");
        System.setProperty("de.kherud.llama.tmpdir", tmp.toString());
        int code;
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(args[0]).skipWarmup()
                .setThreads(2).setCtxSize(256))) {
            InferenceParameters p = new InferenceParameters("Once upon a time, \u00fc\u20ac\u4e2d \u0015\n")
                    .setNPredict(Integer.parseInt(args[1])).setTemperature(0f).setSeed(1);
            int n = 0;
            StringBuilder text = new StringBuilder();
            for (LlamaOutput out : model.generate(p)) {
                n++;
                text.append(out.text);
            }
            System.out.println("TOKENS " + n);
            System.out.println("TEXT " + text.toString().replace('\n', ' '));
            code = 0;
        } catch (Exception e) {
            System.out.println("JAVA_EXCEPTION " + e.getClass().getName() + ": " + e.getMessage());
            code = 3;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.out.flush();
        System.exit(code);
    }
}
