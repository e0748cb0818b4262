package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JNI functions of {@code libjuxta_llama} (native/src/main/cpp), one to one over llama.cpp's C
 * API. Handles are the native objects' addresses; 0 is none. Text crosses as UTF-8 bytes. Errors
 * come as {@link LlamaException}; a native assertion ends the process, which is why only the engine
 * process loads this class.
 *
 * <p>Thread contract: a context is used by one thread at a time, except {@link #setAbort}, which any
 * thread may call. Models, vocabularies and templates are read-only once loaded.
 */
final class LlamaNative {
    /** System property naming the folder of the native libraries; by default {@code native/} beside the app's jar or classes. */
    static final String LIBRARY_DIR_PROPERTY = "juxta.native.dir";
    private static final String LIBRARY = System.mapLibraryName("juxta_llama");
    private static boolean loaded;

    /** Called during loading with the fraction loaded; false abandons the load. */
    interface LoadListener {
        boolean loaded(float fraction);
    }

    private LlamaNative() {
    }

    /** Loads the library and llama.cpp's backends once per process. */
    static synchronized void loadLibrary() {
        if (loaded) {
            return;
        }
        Path dir = libraryDir();
        Path library = dir.resolve(LIBRARY);
        if (!Files.isRegularFile(library)) {
            throw new LlamaException("Juxta's native library " + library + " is missing: build it with"
                    + " `native/build.sh " + dir + "` (or `mvn package`), or set -D" + LIBRARY_DIR_PROPERTY);
        }
        System.load(library.toString());
        init(dir.toString());
        loaded = true;
    }

    static Path libraryDir() {
        String configured = System.getProperty(LIBRARY_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            // The app's jar (lib/app/juxta.jar when installed) or target/classes from source.
            Path codeSource = Path.of(LlamaNative.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.getParent().resolve("native");
        } catch (URISyntaxException | SecurityException e) {
            throw new LlamaException("Cannot find Juxta's native library folder; set -D" + LIBRARY_DIR_PROPERTY, e);
        }
    }

    private static native void init(String libraryDir);

    static native long loadModel(String path, LoadListener listener);

    static native void freeModel(long model);

    /** A context of {@code contextTokens} shared by {@code sequences} sequences, decoding up to {@code batchTokens} at once. */
    static native long newContext(long model, int contextTokens, int sequences, int batchTokens, int threads);

    static native void freeContext(long context);

    /** Special tokens in the text are parsed as such; {@code addSpecial} adds the model's BOS. */
    static native int[] tokenize(long model, byte[] utf8, boolean addSpecial);

    /** The token's bytes: a piece of a UTF-8 character, possibly. Empty for control tokens. */
    static native byte[] piece(long model, int token);

    static native boolean isEndOfGeneration(long model, int token);

    /**
     * Decodes the first {@code count} entries of the arrays as one batch.
     *
     * @return llama_decode's result: 0 done, 1 no room in the KV cache, 2 aborted, negative an error
     */
    static native int decode(long context, int[] tokens, int[] positions, int[] sequences, boolean[] logits, int count);

    /** While set, decodes of this context stop at their next check and return 2. Any thread. */
    static native void setAbort(long context, boolean abort);

    /** Removes a sequence's tokens at positions [from, to); to < 0 means to the end. */
    static native boolean removeTokens(long context, int sequence, int from, int to);

    /**
     * Gives {@code target} what {@code source} holds at positions [from, to), without decoding. The
     * sequences have buffers of their own, so only whole sequences can be copied (from = to = -1): a
     * range aborts the process.
     */
    static native void copyTokens(long context, int source, int target, int from, int to);

    /** A copy of the sequence's KV cells, in native memory; free it with {@link #freeSaved}. */
    static native long saveSequence(long context, int sequence);

    /** Puts saved cells into an empty sequence; false when llama.cpp refuses them. */
    static native boolean restoreSequence(long context, int sequence, long saved);

    static native void freeSaved(long saved);

    /** llama.cpp's own counters: prompt tokens and single tokens it decoded since the context began. */
    static native long[] decodedTokens(long context);

    static native long newSampler(long model, float temperature, float topP, int topK, float minP,
                                  float repeatPenalty, int penaltyLastTokens, long seed);

    /** Feeds tokens to the sampler's history (the repeat penalty's window). */
    static native void acceptTokens(long sampler, int[] tokens);

    /** Samples at batch position {@code index} of the last decode, and adds the token to the sampler's history. */
    static native int sample(long sampler, long context, int index);

    static native void freeSampler(long sampler);

    /**
     * The model's distribution at batch position {@code index}: the {@code chosen} token's
     * probability, then {@code n} (token, probability) pairs, likeliest first.
     */
    static native float[] candidates(long context, long model, int index, int chosen, int n);

    /** The model's Jinja chat templates; throws when they do not parse. */
    static native long newTemplates(long model);

    /** Renders messages (role, content as UTF-8) with the generation prompt for the assistant's turn. */
    static native byte[] applyTemplate(long templates, byte[][] roles, byte[][] contents);

    static native void freeTemplates(long templates);
}
