package dev.juxta.llama;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An isolated conversation on a loaded model: its own transcript, options and cancel flag, and a
 * slot of the engine with its own KV cache while it streams. Sessions never share context; many
 * sessions stream at the same time and are decoded together.
 *
 * <p>Each {@link #stream} is a user turn and its answer an assistant turn; the next turn sees the
 * whole history, rendered with the model's chat template and the session's system prompt (a model
 * without a template continues plain text). When the history no longer fits the context, the
 * oldest turns are left out (the system prompt stays) and {@link #lastStats()} says how many.
 *
 * <p>Thread contract: {@link #stream} blocks and runs its callbacks on the calling thread; call it
 * from a background thread, one stream at a time per session. {@link #cancel}, {@link #close},
 * {@link #isStreaming}, {@link #isClosed}, {@link #lastStats}, {@link #transcript},
 * {@link #options} and {@link #setOptions} are safe from any thread at any time (new options apply
 * from the next stream). {@link #continueAnswer} follows {@link #stream}'s contract. {@link #reset}
 * and {@link #replaceTranscript} throw {@link IllegalStateException} while a stream runs.
 */
public final class LlamaSession implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final LlamaEngine engine;
    private final String name;
    /** Unique within its engine: the engine keeps the session's KV cells under it while another session has the slot. */
    private final long id;
    private final List<ChatTurn> turns = new ArrayList<>();
    private int firstTurnInContext;
    private SessionOptions options;
    private SessionStream current;
    private StreamStats lastStats;
    private boolean closed;

    LlamaSession(LlamaEngine engine, long id, String name, SessionOptions options) {
        this.id = id;
        this.engine = engine;
        this.name = name;
        this.options = options;
    }

    long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public LlamaEngine engine() {
        return engine;
    }

    public synchronized SessionOptions options() {
        return options;
    }

    /** Options for the next streams; the transcript stays. */
    public synchronized void setOptions(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Sends {@code prompt} as the next user turn and streams the answer into {@code callback}.
     * Blocks until the answer ends; see {@link GenStream} for the order of callbacks.
     *
     * @throws IllegalStateException when the session is closed or already streaming
     * @throws LlamaException        when the prompt is empty
     */
    public void stream(String prompt, GenStream callback) {
        continueAnswer(prompt, "", callback);
    }

    /**
     * Like {@link #stream}, with the answer's start given: the model continues {@code answerPrefix}
     * as its own words (to fork an answer at a token, or to continue a cut answer). Deltas carry only
     * what follows the prefix; the transcript's turn holds the prefix and what followed.
     *
     * @throws IllegalStateException when the session is closed or already streaming
     * @throws LlamaException        when the prompt is empty
     */
    public void continueAnswer(String prompt, String answerPrefix, GenStream callback) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answerPrefix, "answerPrefix");
        Objects.requireNonNull(callback, "callback");
        if (prompt.isEmpty()) {
            throw new LlamaException("prompt must not be empty");
        }
        SessionStream run;
        synchronized (this) {
            ensureOpen();
            if (current != null) {
                throw new IllegalStateException("Session '" + name + "' is already streaming");
            }
            run = new SessionStream(engine, this, options, List.copyOf(turns.subList(firstTurnInContext, turns.size())),
                    prompt, answerPrefix, callback, Thread.currentThread());
            current = run;
        }
        try {
            run.run();
        } finally {
            synchronized (this) {
                current = null;
                notifyAll();
            }
        }
    }

    /** Ends this session's stream, if any: the blocked {@link #stream} returns at once. */
    public void cancel() {
        SessionStream run;
        synchronized (this) {
            run = current;
        }
        if (run != null) {
            run.cancel();
        }
    }

    /**
     * Forgets the history.
     *
     * @throws IllegalStateException while streaming or after close
     */
    public void reset() {
        synchronized (this) {
            ensureOpen();
            if (current != null) {
                throw new IllegalStateException("Session '" + name + "' is streaming; cancel it before reset");
            }
            turns.clear();
            firstTurnInContext = 0;
        }
    }

    /**
     * Replaces the history: a conversation reopened, edited or forked continues from these turns.
     * The engine reads them when the session next streams, sharing what its cells already hold.
     *
     * @throws IllegalStateException while streaming or after close
     */
    public void replaceTranscript(List<ChatTurn> history) {
        List<ChatTurn> copy = List.copyOf(history);
        synchronized (this) {
            ensureOpen();
            if (current != null) {
                throw new IllegalStateException("Session '" + name + "' is streaming; cancel it before replacing its history");
            }
            turns.clear();
            turns.addAll(copy);
            firstTurnInContext = 0;
        }
    }

    /**
     * Closes the session; idempotent. During a stream it cancels it and waits for its terminal
     * callback (unless called from that callback), then releases the session.
     */
    @Override
    public void close() {
        SessionStream run;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            run = current;
        }
        if (run != null) {
            run.cancel();
            if (!run.isOnStreamThread()) {
                awaitStreamEnd();
            }
        }
        engine.removed(this);
    }

    private synchronized void awaitStreamEnd() {
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        try {
            for (long left = CLOSE_WAIT_MILLIS; current != null && left > 0; left = deadline - System.currentTimeMillis()) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isStreaming() {
        return current != null;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Figures of the last finished stream, or null before the first. */
    public synchronized StreamStats lastStats() {
        return lastStats;
    }

    /** Every turn of the conversation, including turns left out of the context. */
    public synchronized List<ChatTurn> transcript() {
        return List.copyOf(turns);
    }

    // For SessionStream.

    synchronized void finished(ChatTurn turn, int turnsDropped, StreamStats stats) {
        firstTurnInContext += turnsDropped;
        if (turn != null) {
            turns.add(turn);
        }
        lastStats = stats;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Session '" + name + "' is closed");
        }
    }
}
