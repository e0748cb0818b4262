package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;

/**
 * Run in a child JVM by the tests: loads a model through the JNI layer and generates tokens
 * greedily. Prints {@code TOKENS <n>}, {@code DECODED <n>} (llama.cpp's own count of tokens it
 * decoded) and {@code TEXT ...}, and exits 0; a clean {@link LlamaException} prints
 * {@code JAVA_EXCEPTION ...} and exits 3. A native crash kills the JVM (exit code 134, 139...).
 *
 * <p>Usage: {@code NativeProbe <model.gguf> <tokens>}
 */
public final class NativeProbe {
    private static final String PROMPT = "Once upon a time, \u00fc\u20ac\u4e2d \u0015\n";

    private NativeProbe() {
    }

    public static void main(String[] args) {
        int code;
        try (LoadedModel model = LoadedModel.load(args[0], "probe", 1, 256, 2, false, null)) {
            int wanted = Integer.parseInt(args[1]);
            int[] prompt = model.tokenize(PROMPT, true);
            Batch batch = new Batch(LoadedModel.BATCH_TOKENS);
            for (int i = 0; i < prompt.length; i++) {
                batch.add(prompt[i], i, 0, i == prompt.length - 1);
            }
            long sampler = LlamaNative.newSampler(model.model(), 0, 1, 0, 0, 1, 0, 1);
            StringBuilder text = new StringBuilder();
            Utf8Joiner utf8 = new Utf8Joiner();
            int generated = 0;
            try {
                for (int position = prompt.length; generated < wanted; position++) {
                    int result = LlamaNative.decode(model.context(), batch.tokens, batch.positions, batch.sequences,
                            batch.logits, batch.count());
                    if (result != 0) {
                        throw new LlamaException("decode returned " + result);
                    }
                    int token = LlamaNative.sample(sampler, model.context(), batch.count() - 1);
                    generated++;
                    text.append(utf8.append(model.piece(token)));
                    batch.clear();
                    batch.add(token, position, 0, true);
                }
            } finally {
                LlamaNative.freeSampler(sampler);
            }
            long[] decoded = LlamaNative.decodedTokens(model.context());
            System.out.println("TOKENS " + generated);
            System.out.println("DECODED " + (decoded[0] + decoded[1]) + " PROMPT " + prompt.length);
            System.out.println("TEXT " + text.toString().replace('\n', ' '));
            code = 0;
        } catch (LlamaException e) {
            System.out.println("JAVA_EXCEPTION " + e.getClass().getName() + ": " + e.getMessage());
            code = 3;
        }
        System.out.flush();
        System.exit(code);
    }
}
