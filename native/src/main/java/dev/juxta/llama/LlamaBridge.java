package dev.juxta.llama;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static facade over one default {@link LlamaEngine}, for code that uses a single model. Code that
 * runs several models at once uses {@link LlamaEngine} directly.
 *
 * <p>Thread contract: every method is safe from any thread. {@link #initGenerateModel} and
 * {@link #generateStream} block; {@link #cancelGenerate} and {@link #shutdown} may be called while
 * they run.
 */
public final class LlamaBridge {
    /**
     * The llama.cpp release the engine is built from, as pinned in {@code native/llama.cpp.lock}
     * (a test keeps the two the same); exports record it so that an answer can be reproduced.
     */
    public static final String LLAMA_CPP_RELEASE = "v0.5.0";

    private static final Object LOCK = new Object();
    private static LlamaEngine engine;
    private static final Set<LlamaSession> GENERATING = ConcurrentHashMap.newKeySet();

    private LlamaBridge() {
    }

    /** Loads a model with {@link ModelOptions#defaults()}, replacing (and unloading) a loaded one. */
    public static void initGenerateModel(String modelPath) {
        initGenerateModel(modelPath, ModelOptions.defaults());
    }

    /**
     * Loads a model, replacing (and unloading) a loaded one.
     *
     * @throws LlamaException naming the file or option and the reason; the previous model is then
     *                        unloaded too
     */
    public static void initGenerateModel(String modelPath, ModelOptions options) {
        if (modelPath == null || modelPath.isBlank()) {
            throw new LlamaException("modelPath must not be empty");
        }
        synchronized (LOCK) {
            shutdown();
            engine = LlamaEngine.load(Path.of(modelPath), options);
        }
    }

    public static boolean isModelLoaded() {
        synchronized (LOCK) {
            return engine != null;
        }
    }

    /** A session named "" with default options, or null when no model is loaded. */
    public static LlamaSession createSession() {
        return createSession("");
    }

    /** A session with default options, or null when no model is loaded. */
    public static LlamaSession createSession(String name) {
        return createSession(name, SessionOptions.defaults());
    }

    /** A new independent session, or null when no model is loaded. */
    public static LlamaSession createSession(String name, SessionOptions options) {
        synchronized (LOCK) {
            return engine == null ? null : engine.createSession(name, options);
        }
    }

    /**
     * Streams the answer to one prompt with no history, on a session of its own that is closed
     * afterwards. Blocks; callbacks as in {@link GenStream}. Without a loaded model the callback
     * gets {@link GenStream#onError}.
     */
    public static void generateStream(String prompt, GenStream callback) {
        LlamaSession session = createSession("generate");
        if (session == null) {
            callback.onError("No model is loaded: call initGenerateModel first");
            return;
        }
        GENERATING.add(session);
        try {
            session.stream(prompt, callback);
        } finally {
            GENERATING.remove(session);
            session.close();
        }
    }

    /** Cancels the streams of {@link #generateStream} that run now. */
    public static void cancelGenerate() {
        GENERATING.forEach(LlamaSession::cancel);
    }

    /**
     * Ends every stream ({@link GenStream#onCancelled}), closes every session and unloads the model;
     * {@link #createSession} then returns null until the next {@link #initGenerateModel}.
     */
    public static void shutdown() {
        synchronized (LOCK) {
            if (engine != null) {
                engine.close();
                engine = null;
            }
        }
    }
}
