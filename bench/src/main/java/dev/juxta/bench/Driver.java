package dev.juxta.bench;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * One side of the comparison: Juxta's bridge or upstream llama-server, with one loaded model. The
 * {@link Protocol} drives both through this interface so they run exactly the same workload.
 */
interface Driver {
    /** A new conversation with an empty history. */
    Conversation conversation();

    /** Resident memory of the process that holds the model, in MiB. */
    double rssMib();

    /** The processes whose JVMs run this side's Java code: this one, and Juxta's engine. */
    List<Long> processIds();

    /** A conversation: its history is the concatenation of its turns (models without a chat template). */
    interface Conversation extends AutoCloseable {
        /**
         * Streams the answer to {@code prompt}, blocking; {@code onToken} gets the running count after
         * each non-empty piece of text, on the streaming thread.
         */
        StreamClock stream(String prompt, int maxTokens, IntConsumer onToken);

        /** Ends the running stream; safe from any thread, returns at once. */
        void stop();

        /** Forgets the history (between streams only). */
        void reset();

        /** Tokens of the last stream's whole prompt (history included), BOS counted. */
        int lastPromptTokens();

        /** Tokens of that prompt llama.cpp actually read (the rest was in the cache). */
        int lastReadTokens();

        @Override
        void close();
    }
}
