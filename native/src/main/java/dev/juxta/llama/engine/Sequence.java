package dev.juxta.llama.engine;

import java.util.Arrays;

/**
 * What one of the context's sequences (one per slot) holds in the KV cache: the tokens at
 * positions 0..size-1, and the text they stand for, so that the next turn's prompt, which repeats
 * that text, costs only the tokens it adds.
 *
 * <p>Decode thread only.
 */
final class Sequence {
    final int id;
    private int[] tokens = new int[256];
    private int size;
    /** The text the tokens and {@link #pending} stand for; "" when not known (then tokens are compared). */
    private String text = "";
    /** A token sampled and shown but not yet decoded (the last of an answer), or -1. */
    private int pending = -1;
    /** What the sequence will hold once its job has read its prompt; null while none reads. */
    private int[] readingTarget;
    /** The bridge's session whose conversation the sequence holds, or -1. */
    private long owner = -1;

    Sequence(int id) {
        this.id = id;
    }

    int size() {
        return size;
    }

    int tokenAt(int position) {
        return tokens[position];
    }

    String text() {
        return text;
    }

    int pending() {
        return pending;
    }

    /** The tokens a new prompt could share with this sequence: what it holds, or will once read. */
    int[] prefixSource() {
        return readingTarget != null ? readingTarget : Arrays.copyOf(tokens, size);
    }

    /** Drops the tokens from {@code position} on (the caller removes them from the cache). */
    void truncate(int position) {
        size = Math.min(size, position);
        pending = -1;
    }

    void push(int token) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size++] = token;
    }

    void takePending() {
        push(pending);
        pending = -1;
    }

    void sampled(int token, String textOfToken) {
        pending = token;
        text += textOfToken;
    }

    void startReading(int[] target, String newText) {
        readingTarget = target;
        text = newText;
    }

    void doneReading() {
        readingTarget = null;
    }

    /** The text no longer matches the tokens (a prompt read only in part): compare tokens next time. */
    void forgetText() {
        text = "";
        readingTarget = null;
    }

    long owner() {
        return owner;
    }

    void ownedBy(long session) {
        owner = session;
    }

    /** A copy of the cells and of what the sequence knows of them; the cells stay. */
    SavedSequences.Saved save(long context) {
        return new SavedSequences.Saved(LlamaNative.saveSequence(context, id), Arrays.copyOf(tokens, size), pending, text);
    }

    /** Replaces the cells with saved ones; when llama.cpp refuses them, the sequence is left empty. */
    void restore(long context, SavedSequences.Saved saved) {
        LlamaNative.removeTokens(context, id, -1, -1);
        size = 0;
        pending = -1;
        text = "";
        readingTarget = null;
        if (LlamaNative.restoreSequence(context, id, saved.cells())) {
            tokens = Arrays.copyOf(saved.tokens(), Math.max(saved.tokens().length, 256));
            size = saved.tokens().length;
            pending = saved.pending();
            text = saved.text();
        }
    }

    int commonPrefix(int[] other) {
        int mismatch = Arrays.mismatch(tokens, 0, size, other, 0, other.length);
        return mismatch < 0 ? Math.min(size, other.length) : mismatch;
    }

    static int prefixLength(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? Math.min(a.length, b.length) : mismatch;
    }
}
