package dev.juxta.llama;

import java.nio.file.Path;

/** Static facade over a default {@link LlamaEngine}. */
public final class LlamaBridge {
    private LlamaBridge() {}
    public static void initGenerateModel(String modelPath) { throw new UnsupportedOperationException("not yet"); }
    public static void initGenerateModel(String modelPath, ModelOptions options) { throw new UnsupportedOperationException("not yet"); }
    public static boolean isModelLoaded() { throw new UnsupportedOperationException("not yet"); }
    public static LlamaSession createSession() { throw new UnsupportedOperationException("not yet"); }
    public static LlamaSession createSession(String name) { throw new UnsupportedOperationException("not yet"); }
    public static LlamaSession createSession(String name, SessionOptions options) { throw new UnsupportedOperationException("not yet"); }
    public static void generateStream(String prompt, GenStream callback) { throw new UnsupportedOperationException("not yet"); }
    public static void cancelGenerate() { throw new UnsupportedOperationException("not yet"); }
    public static void shutdown() { throw new UnsupportedOperationException("not yet"); }
}
