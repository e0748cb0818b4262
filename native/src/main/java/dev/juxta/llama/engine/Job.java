package dev.juxta.llama.engine;

import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.TokenChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer being made on a sequence: first its prompt is read (its {@link #target} tokens, from
 * what the sequence already holds on), then one token is sampled per decode.
 *
 * <p>Decode thread only. The sampler is freed by {@link #close}, on every way a job ends.
 */
final class Job implements AutoCloseable {
    final int id;
    final Sequence sequence;
    final SessionOptions options;
    /** The tokens the sequence holds once the prompt is read. */
    final int[] target;
    /** Tokens the answer may take: max tokens, or less where the context ends first. */
    final int limit;
    final Utf8Joiner utf8 = new Utf8Joiner();
    /** The tokens sampled since the last delta, when the options ask for alternatives. */
    final List<TokenChoice> choices = new ArrayList<>();
    private long sampler;
    int generated;
    /** Prompt tokens this job decoded itself; the others were in the cache, or copied from a leader. */
    int promptRead;
    /** Where in the current batch this job's logits are, or -1. */
    int logitsIndex = -1;
    /** Prompt tokens of this job in the current batch. */
    int chunk;
    /** Another sequence reading the same prompt prefix: its cells are copied up to {@link #sharedUntil}. */
    Sequence leader;
    int sharedUntil;

    Job(int id, Sequence sequence, SessionOptions options, int[] target, int limit, long sampler) {
        this.id = id;
        this.sequence = sequence;
        this.options = options;
        this.target = target;
        this.limit = limit;
        this.sampler = sampler;
    }

    boolean reading() {
        return sequence.size() < target.length;
    }

    long sampler() {
        return sampler;
    }

    @Override
    public void close() {
        LlamaNative.freeSampler(sampler);
        sampler = 0;
    }
}
