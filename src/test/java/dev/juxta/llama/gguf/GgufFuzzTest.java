package dev.juxta.llama.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.ModelInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.juxta.llama.engine.NativeProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the headers of the shared models and checks that the validator either refuses them with a
 * LlamaException naming the file, or accepts them with a consistent result; a sample of accepted
 * mutants is then loaded by the real llama.cpp in child JVMs, which must not crash.
 */
class GgufFuzzTest {
    private static final int CASES = Integer.getInteger("juxta.fuzz.cases", 2000);
    private static final int BATCH = 250;
    private static final int LLAMA_SAMPLE = Integer.getInteger("juxta.fuzz.llamaSample", 20);
    /** Of the sample, how many must load and generate through llama.cpp for the run to count. */
    private static final int MIN_GENERATED = Math.max(1, LLAMA_SAMPLE / 2);
    private static final long[] HUGE = {Long.MAX_VALUE, -1L, 1L << 32, 1L << 40, 1L << 62, 0x7FFFFFFFL, 0xFFFFFFFFL};

    @TempDir
    Path dir;

    private record Model(Path path, byte[] bytes, GgufFieldMap fields) {}

    /** A mutated file: description, header bytes (possibly cut) and the total file length. */
    private record Mutant(String what, byte[] head, long length, Model base) {}

    @Test
    void mutatedHeadersAreRefusedCleanlyOrReadConsistently() throws Exception {
        List<Model> models = new ArrayList<>();
        for (String name : List.of("stories260K.gguf", "stories260K-chatml.gguf")) {
            Path p = GgufTestSupport.sharedModel(name);
            byte[] bytes = Files.readAllBytes(p);
            models.add(new Model(p, bytes, new GgufFieldMap(bytes)));
        }
        SplittableRandom rng = new SplittableRandom(Long.getLong("juxta.fuzz.seed", 20250325L));
        List<Mutant> accepted = new ArrayList<>();
        int[] refused = {0};
        Path file = dir.resolve("mutant.gguf");
        for (int start = 0; start < CASES; start += BATCH) {
            int from = start;
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = from; i < from + BATCH; i++) {
                    Mutant m = mutate(models.get(i % 2), rng, i);
                    write(file, m);
                    try {
                        ModelInfo info = GgufReader.readModelInfo(file);
                        checkConsistent(file, info, m);
                        accepted.add(m);
                    } catch (LlamaException e) {
                        refused[0]++;
                        assertTrue(e.getMessage().startsWith(file + ": "), m.what() + ": " + e.getMessage());
                    } catch (Throwable t) {
                        fail("case " + m.what() + " threw " + t, t);
                    }
                }
            }, "batch starting at case " + start);
        }
        System.out.printf("fuzz: %d cases, %d refused, %d accepted%n", CASES, refused[0], accepted.size());
        assertTrue(refused[0] > CASES / 2, "most mutants should be refused: " + refused[0]);
        assertTrue(accepted.size() >= LLAMA_SAMPLE, "need accepted mutants for the binding check: " + accepted.size());
        loadAcceptedThroughLlamaCpp(accepted, rng);
    }

    private static Mutant mutate(Model m, SplittableRandom rng, int i) {
        int headerEnd = m.fields().headerEnd;
        byte[] head = Arrays.copyOf(m.bytes(), Math.min(m.bytes().length, Math.max(headerEnd + 1024, 65536)));
        long length = m.bytes().length;
        String what;
        switch (rng.nextInt(7)) {
            case 0 -> {
                int n = 1 + rng.nextInt(4);
                StringBuilder sb = new StringBuilder("bitflips");
                for (int k = 0; k < n; k++) {
                    int at = rng.nextInt(headerEnd);
                    int bit = rng.nextInt(8);
                    head[at] ^= (byte) (1 << bit);
                    sb.append(' ').append(at).append(':').append(bit);
                }
                what = sb.toString();
            }
            case 1 -> {
                int at = rng.nextInt(headerEnd);
                byte v = rng.nextBoolean() ? (byte) 0xFF : 0;
                head[at] = v;
                what = "set " + at + "=" + v;
            }
            case 2 -> {
                length = rng.nextInt(10) == 0 ? rng.nextLong(m.bytes().length) : rng.nextInt(headerEnd + 64);
                what = "truncate at " + length;
            }
            case 3 -> {
                int at = m.fields().u64Fields.get(rng.nextInt(m.fields().u64Fields.size()));
                long v = rng.nextBoolean() ? HUGE[rng.nextInt(HUGE.length)] : rng.nextLong(m.bytes().length * 2L);
                putLong(head, at, v);
                what = "u64 field " + at + "=" + v;
            }
            case 4 -> {
                int at = m.fields().u32Fields.get(rng.nextInt(m.fields().u32Fields.size()));
                int v = rng.nextInt(4) == 0 ? -1 : rng.nextInt(40);
                putLong(head, at, (head[at + 4] & 0xFFL) << 32 | (head[at + 5] & 0xFFL) << 40 | (head[at + 6] & 0xFFL) << 48
                        | (head[at + 7] & 0xFFL) << 56 | (v & 0xFFFFFFFFL));
                what = "u32 field " + at + "=" + v;
            }
            case 5 -> {
                int at = rng.nextBoolean() ? 8 : 16;
                long v = rng.nextBoolean() ? HUGE[rng.nextInt(HUGE.length)] : rng.nextLong(1_000_000);
                putLong(head, at, v);
                what = "count " + at + "=" + v;
            }
            default -> {
                int at = rng.nextInt(headerEnd - 8);
                long v = HUGE[rng.nextInt(HUGE.length)];
                putLong(head, at, v);
                what = "u64 at " + at + "=" + v;
            }
        }
        return new Mutant("#" + i + " " + m.path().getFileName() + " " + what, head, length, m);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int k = 0; k < 8; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Writes the header bytes and extends (sparse) or cuts the file to the mutant's length. */
    private static void write(Path file, Mutant m) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
            f.write(m.head(), 0, (int) Math.min(m.head().length, m.length()));
            f.setLength(m.length());
        }
    }

    /** Writes the full mutant: mutated header plus the real tensor data. */
    private static void writeFull(Path file, Mutant m) throws IOException {
        byte[] all = Arrays.copyOf(m.base().bytes(), (int) m.length());
        System.arraycopy(m.head(), 0, all, 0, (int) Math.min(m.head().length, m.length()));
        Files.write(file, all);
    }

    private static void checkConsistent(Path file, ModelInfo info, Mutant m) throws IOException {
        GgufFile g = GgufReader.read(file);
        assertEquals(Files.size(file), info.fileSize(), m.what());
        assertEquals(g.parameterCount(), info.parameterCount(), m.what());
        assertTrue(info.parameterCount() > 0 && info.layerCount() > 0 && info.embeddingLength() > 0
                && info.headCount() > 0 && info.headCountKv() > 0 && info.trainedContextLength() > 0, m.what());
        assertTrue(SupportedArchitectures.canGenerate(info.architecture()), m.what());
        long end = g.dataOffset();
        for (TensorInfo t : g.tensors()) {
            assertEquals(0, t.offset() % g.alignment(), m.what());
            assertTrue(g.dataOffset() + t.offset() >= end, m.what());
            end = g.dataOffset() + t.offset() + t.byteSize();
            assertTrue(end <= g.fileSize(), m.what());
        }
    }

    private void loadAcceptedThroughLlamaCpp(List<Mutant> accepted, SplittableRandom rng) throws Exception {
        List<Mutant> sample = new ArrayList<>(accepted);
        // prefer mutants that differ from both originals (not e.g. a flip reverted by another)
        sample.removeIf(m -> Arrays.equals(m.head(), 0, m.head().length, m.base().bytes(), 0, m.head().length)
                && m.length() == m.base().bytes().length);
        for (int i = sample.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Mutant t = sample.get(i);
            sample.set(i, sample.get(j));
            sample.set(j, t);
        }
        List<Mutant> chosen = sample.subList(0, Math.min(LLAMA_SAMPLE, sample.size()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GgufTestSupport.ChildResult>> results = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                Mutant m = chosen.get(i);
                Path f = dir.resolve("accepted-" + i + ".gguf");
                writeFull(f, m);
                results.add(pool.submit(() -> GgufTestSupport.runChild(NativeProbe.class, 120, f.toString(), "4")));
            }
            List<String> crashes = new ArrayList<>();
            int generated = 0;
            for (int i = 0; i < results.size(); i++) {
                GgufTestSupport.ChildResult r = results.get(i).get();
                if (r.exitCode() == 0 && r.output().contains("TOKENS 4")) {
                    generated++;
                } else if (r.exitCode() != 3 || !r.output().contains("JAVA_EXCEPTION")) {
                    crashes.add(chosen.get(i).what() + " -> exit " + r.exitCode() + "\n" + tail(r.output()));
                }
            }
            System.out.printf("fuzz: %d accepted mutants tried through llama.cpp: %d generated, %d refused cleanly, %d crashed%n",
                    chosen.size(), generated, chosen.size() - generated - crashes.size(), crashes.size());
            assertTrue(crashes.isEmpty(), String.join("\n----\n", crashes));
            // "No crashes" means something only if llama.cpp really ran most of the sample.
            assertTrue(generated >= MIN_GENERATED, "only " + generated + " of " + chosen.size()
                    + " accepted mutants loaded and generated; at least " + MIN_GENERATED + " must");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
