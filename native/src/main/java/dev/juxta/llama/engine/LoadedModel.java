package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's model: llama.cpp's model, its one context (one sequence per slot, each with a KV
 * buffer of its own) and its chat templates. Closing frees them in reverse order; safe to call twice.
 *
 * <p>Thread contract: the decode thread owns the context; {@link #abortDecode} may come from any
 * thread.
 */
final class LoadedModel implements AutoCloseable {
    /** Tokens one decode takes at most: a long prompt is read in chunks of this size. */
    static final int BATCH_TOKENS = 512;

    private final String name;
    private long model;
    private long context;
    private long templates;

    private LoadedModel(String name, long model) {
        this.name = name;
        this.model = model;
    }

    /**
     * Loads the model and makes its context.
     *
     * @throws LlamaException naming the model and why it cannot be used
     */
    static LoadedModel load(String path, String name, int sequences, int contextPerSequence, int threads,
                            boolean chatTemplate, LlamaNative.LoadListener progress) {
        LlamaNative.loadLibrary();
        LoadedModel loaded = new LoadedModel(name, LlamaNative.loadModel(path, progress));
        try {
            loaded.context = LlamaNative.newContext(loaded.model, sequences * contextPerSequence, sequences, BATCH_TOKENS,
                    threads);
            if (chatTemplate) {
                loaded.templates = LlamaNative.newTemplates(loaded.model);
            }
            return loaded;
        } catch (LlamaException e) {
            loaded.close();
            throw new LlamaException(name + ": " + e.getMessage(), e);
        }
    }

    long context() {
        return context;
    }

    long model() {
        return model;
    }

    boolean hasChatTemplate() {
        return templates != 0;
    }

    int[] tokenize(String text, boolean addBos) {
        return LlamaNative.tokenize(model, text.getBytes(StandardCharsets.UTF_8), addBos);
    }

    byte[] piece(int token) {
        return LlamaNative.piece(model, token);
    }

    /** The token's text on its own; a piece of a character shows as U+FFFD. */
    String pieceText(int token) {
        return new String(piece(token), StandardCharsets.UTF_8);
    }

    boolean isEndOfGeneration(int token) {
        return LlamaNative.isEndOfGeneration(model, token);
    }

    /**
     * The messages rendered by the model's chat template, ready for the assistant's answer.
     *
     * @throws LlamaException naming the model when the template fails on them
     */
    String applyTemplate(List<String> roles, List<String> contents) {
        byte[][] roleBytes = roles.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        byte[][] contentBytes = contents.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        try {
            return new String(LlamaNative.applyTemplate(templates, roleBytes, contentBytes), StandardCharsets.UTF_8);
        } catch (LlamaException e) {
            throw new LlamaException("The chat template of " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops the decode in flight; the decode thread clears it when its decode has returned. */
    void abortDecode() {
        LlamaNative.setAbort(context, true);
    }

    void clearAbort() {
        LlamaNative.setAbort(context, false);
    }

    @Override
    public synchronized void close() {
        LlamaNative.freeTemplates(templates);
        templates = 0;
        LlamaNative.freeContext(context);
        context = 0;
        LlamaNative.freeModel(model);
        model = 0;
    }
}
