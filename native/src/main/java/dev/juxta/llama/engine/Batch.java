package dev.juxta.llama.engine;

/** The tokens of one decode, as the parallel arrays llama_batch is made of. Reused step after step. */
final class Batch {
    final int[] tokens;
    final int[] positions;
    final int[] sequences;
    final boolean[] logits;
    private int count;

    Batch(int capacity) {
        tokens = new int[capacity];
        positions = new int[capacity];
        sequences = new int[capacity];
        logits = new boolean[capacity];
    }

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    int room() {
        return tokens.length - count;
    }

    /** Adds a token; returns its index in the batch. */
    int add(int token, int position, int sequence, boolean wantLogits) {
        tokens[count] = token;
        positions[count] = position;
        sequences[count] = sequence;
        logits[count] = wantLogits;
        return count++;
    }
}
