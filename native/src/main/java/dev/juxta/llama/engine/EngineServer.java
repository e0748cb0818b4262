package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.LlamaException;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.TokenChoice;
import dev.juxta.llama.engine.Message.Delta;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Failed;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.Started;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs every session's answers on the model's one context, a sequence per slot (continuous
 * batching): each decode holds the next token of every answer being generated and bounded chunks of
 * the prompts being read, so a long prompt slows the other answers but never stops them.
 *
 * <p>A sequence keeps its tokens between turns, and the next turn reads only what its prompt adds
 * ({@link Sequence}, {@link #plan}). Prompts that start alike (Send to all, one system prompt) are
 * read once: a later one waits for the first to have read the shared prefix and takes a copy of
 * its cells.
 *
 * <p>Threads: {@link #generate} and {@link #cancel} run on the command thread and only queue;
 * the decode thread ({@link #decodeLoop}) does everything else. A cancel of a prompt being read also
 * aborts the decode in flight; the other sessions in that batch go on in the next one.
 */
final class EngineServer {
    /** Prompt tokens a decode takes while answers are being generated: a token of theirs waits for them. */
    static final int PROMPT_CHUNK_WHILE_GENERATING = 64;
    /**
     * A reproducible engine reads prompts in chunks that start at multiples of this, and re-reads a
     * cached prefix from such a multiple: each prompt token is then computed beside the same
     * tokens whatever the sequence held before.
     */
    static final int REPRODUCIBLE_CHUNK = 64;
    /** A shared prefix shorter than this is read again rather than waited for. */
    private static final int MIN_SHARED_PREFIX = 16;
    /** Tokens before the answer that the repeat penalty looks back over. */
    private static final int PENALTY_WINDOW = 64;
    /**
     * How long deltas may wait in the buffer for the next ones, when tokens come faster than that.
     * Each write wakes two threads in the app, and on 2 cores every wake-up takes a core from
     * llama.cpp's threads; 3 ms is far below the 16 ms in which the app shows them.
     */
    private static final long COALESCE_NANOS = 3_000_000;

    private record CancelRequest(int id) {
    }

    private final LoadedModel model;
    private final PromptRenderer renderer;
    private final FrameWriter out;
    private final int contextPerSlot;
    private final boolean reproducible;
    private final Sequence[] sequences;
    private final SavedSequences saved;
    private final Batch batch = new Batch(LoadedModel.BATCH_TOKENS);
    private final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
    /** Decode thread only: the jobs in slot order. */
    private final List<Job> jobs = new ArrayList<>();
    /** Ids of the jobs whose prompt the decode in flight reads, for the command thread's abort. */
    private final Set<Integer> readingNow = ConcurrentHashMap.newKeySet();
    /** Ids cancelled by the command thread and not yet ended by the decode thread. */
    private final Set<Integer> cancelRequested = ConcurrentHashMap.newKeySet();
    private long oldestBufferedNanos;
    private boolean firstDeltaBuffered;

    /**
     * @param reproducible decode each job alone: on float weights the kernels compute a row
     *                     differently beside other rows, so only that gives a job its solo answer
     */
    EngineServer(LoadedModel model, FrameWriter out, int slots, int contextPerSlot, boolean reproducible) {
        this.model = model;
        this.reproducible = reproducible;
        this.renderer = new PromptRenderer(model);
        this.out = out;
        this.contextPerSlot = contextPerSlot;
        this.sequences = new Sequence[slots];
        this.saved = new SavedSequences(slots);
        for (int i = 0; i < slots; i++) {
            sequences[i] = new Sequence(i);
        }
    }

    void generate(Generate g) {
        commands.add(g);
    }

    /**
     * Queues the cancel, and aborts the decode in flight if it reads this job's prompt. Either this
     * thread sees the id in {@link #readingNow}, or the decode thread, which publishes that set
     * before it decodes, sees it in {@link #cancelRequested}.
     */
    void cancel(int id) {
        cancelRequested.add(id);
        if (readingNow.contains(id)) {
            model.abortDecode();
        }
        commands.add(new CancelRequest(id));
    }

    /** The decode thread's body; returns when interrupted. */
    void decodeLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                runCommands(jobs.isEmpty());
                if (!jobs.isEmpty()) {
                    long start = System.nanoTime();
                    step();
                    flushDeltasDue(System.nanoTime() - start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCommands(boolean block) throws InterruptedException {
        Object next = commands.poll();
        if (next == null && block) {
            flushDeltas(); // nothing waits in the buffer while this thread sleeps
            next = commands.take();
        }
        for (; next != null; next = commands.poll()) {
            switch (next) {
                case Generate g -> start(g);
                case CancelRequest c -> {
                    jobs.stream().filter(j -> j.id == c.id()).findFirst().ifPresent(j -> finish(j, StopReason.CANCELLED));
                    cancelRequested.remove(c.id());
                }
                default -> throw new IllegalStateException("unexpected command " + next);
            }
        }
    }

    private void start(Generate g) {
        Sequence sequence = sequences[g.slot()];
        try {
            takeOver(sequence, g.session());
            Job job = plan(g, sequence);
            int index = 0;
            while (index < jobs.size() && jobs.get(index).sequence.id < sequence.id) {
                index++;
            }
            jobs.add(index, job);
        } catch (PromptTooLongException e) {
            send(new Failed(g.id(), e.getMessage()));
        } catch (LlamaException e) {
            send(new Failed(g.id(), e.getMessage()));
        }
    }

    /**
     * Gives the sequence to {@code session}: the cells of the session that had it are set aside,
     * and the session's own, if it has some set aside, come back. Without them the cells stay, for
     * the new session's prompt to share what it can (a system prompt, a conversation reopened).
     */
    private void takeOver(Sequence sequence, long session) {
        if (sequence.owner() == session) {
            return;
        }
        // Taken before the others are put: at capacity, putting would drop the oldest, maybe this one.
        SavedSequences.Saved own = saved.take(session);
        if (sequence.owner() >= 0 && sequence.size() > 0) {
            saved.put(sequence.owner(), sequence.save(model.context()));
        }
        if (own != null) {
            sequence.restore(model.context(), own);
            SavedSequences.free(own);
        }
        sequence.ownedBy(session);
    }

    /**
     * Renders the prompt, dropping the oldest turns that don't fit, and decides what of it the
     * sequence must read: only what follows the text it holds, when the prompt repeats that text
     * and tokenizes the same way there; otherwise from where its tokens first differ.
     */
    private Job plan(Generate g, Sequence sequence) {
        List<ChatTurn> turns = g.turns();
        int reserve = Math.min(g.options().maxTokens(), contextPerSlot / 4);
        int dropped = 0;
        String text = renderer.render(g.options(), turns, g.prompt());
        int[] target = targetTokens(sequence, text);
        while (target.length + reserve > contextPerSlot && dropped < turns.size()) {
            dropped++;
            text = renderer.render(g.options(), turns.subList(dropped, turns.size()), g.prompt());
            target = targetTokens(sequence, text);
        }
        if (target.length >= contextPerSlot) {
            throw new PromptTooLongException("The prompt is too long for the context: it takes " + target.length
                    + " tokens and the session's context holds " + contextPerSlot + ".");
        }
        int keep = Math.min(sequence.commonPrefix(target), target.length - 1); // one token is read, for its logits
        if (reproducible) {
            keep -= keep % REPRODUCIBLE_CHUNK;
        }
        if (keep < sequence.size()) {
            LlamaNative.removeTokens(model.context(), sequence.id, keep, -1);
        }
        sequence.truncate(keep);
        sequence.startReading(target, text);
        Job job = new Job(g.id(), sequence, g.options(), target, Math.min(g.options().maxTokens(), contextPerSlot - target.length),
                newSampler(g.options(), target));
        if (!reproducible) {
            findLeader(job);
        }
        int cached = Math.max(keep, job.leader != null ? job.sharedUntil : 0);
        send(new Started(g.id(), target.length, cached, dropped));
        return job;
    }

    /** The tokens the sequence must hold for {@code text}: what it holds plus the new text's tokens where that is sound. */
    private int[] targetTokens(Sequence sequence, String text) {
        int[] whole = model.tokenize(text, true);
        String held = sequence.text();
        if (held.isEmpty() || !text.startsWith(held) || text.length() == held.length()) {
            return whole;
        }
        int[] added = model.tokenize(text.substring(held.length()), false);
        // The added text alone must tokenize as it does within the whole prompt; where the two
        // differ at the join (a word continued), the tokens are compared instead.
        if (added.length == 0 || added.length > whole.length
                || Arrays.mismatch(whole, whole.length - added.length, whole.length, added, 0, added.length) >= 0) {
            return whole;
        }
        int pending = sequence.pending() >= 0 ? 1 : 0;
        int[] target = new int[sequence.size() + pending + added.length];
        for (int i = 0; i < sequence.size(); i++) {
            target[i] = sequence.tokenAt(i);
        }
        if (pending == 1) {
            target[sequence.size()] = sequence.pending();
        }
        System.arraycopy(added, 0, target, sequence.size() + pending, added.length);
        return target;
    }

    /** Another sequence that holds, or is reading, a longer prefix of this prompt than this one: copy it rather than read. */
    private void findLeader(Job job) {
        int best = job.sequence.size() + MIN_SHARED_PREFIX;
        for (Sequence other : sequences) {
            if (other == job.sequence) {
                continue;
            }
            int[] source = other.prefixSource();
            int shared = Math.min(prefixLength(source, job.target), job.target.length - 1);
            if (shared >= best) {
                best = shared;
                job.leader = other;
                job.sharedUntil = shared;
            }
        }
    }

    private long newSampler(SessionOptions o, int[] prompt) {
        long sampler = LlamaNative.newSampler(model.model(), (float) o.temperature(), (float) o.topP(), o.topK(),
                0.05f, (float) o.repeatPenalty(), PENALTY_WINDOW,
                o.seed() == SessionOptions.RANDOM_SEED ? 0xFFFFFFFFL : o.seed());
        LlamaNative.acceptTokens(sampler, Arrays.copyOfRange(prompt, Math.max(0, prompt.length - PENALTY_WINDOW), prompt.length));
        return sampler;
    }

    /**
     * One round: every generating job's next token, then prompt chunks while room is left, in one
     * decode; in a reproducible engine, each job in a decode of its own, as it would be alone.
     */
    private void step() {
        if (!reproducible) {
            decode(List.copyOf(jobs));
            return;
        }
        for (Job job : List.copyOf(jobs)) {
            if (jobs.contains(job)) {
                decode(List.of(job));
            }
        }
    }

    private void decode(List<Job> group) {
        batch.clear();
        readingNow.clear();
        boolean generating = false;
        for (Job job : group) {
            job.logitsIndex = -1;
            job.chunk = 0;
            if (!job.reading()) {
                Sequence s = job.sequence;
                job.logitsIndex = batch.add(s.pending(), s.size(), s.id, true);
                generating = true;
            }
        }
        for (Job job : group) {
            if (batch.room() == 0 || !job.reading() || !leaderReady(job)) {
                continue;
            }
            Sequence s = job.sequence;
            int room = reproducible ? REPRODUCIBLE_CHUNK - s.size() % REPRODUCIBLE_CHUNK
                    : generating ? Math.min(batch.room(), PROMPT_CHUNK_WHILE_GENERATING) : batch.room();
            job.chunk = Math.min(job.target.length - s.size(), room);
            for (int position = s.size(); position < s.size() + job.chunk; position++) {
                boolean last = position == job.target.length - 1;
                int index = batch.add(job.target[position], position, s.id, last);
                if (last) {
                    job.logitsIndex = index;
                }
            }
            readingNow.add(job.id);
        }
        if (batch.count() == 0) {
            return; // the only reader waits for its leader
        }
        if (readingNow.stream().anyMatch(cancelRequested::contains)) {
            model.abortDecode();
        }
        int result = LlamaNative.decode(model.context(), batch.tokens, batch.positions, batch.sequences, batch.logits, batch.count());
        readingNow.clear();
        model.clearAbort();
        if (result != 0) {
            undo(group, result);
            return;
        }
        for (Job job : group) {
            if (job.chunk > 0) {
                for (int k = 0; k < job.chunk; k++) {
                    job.sequence.push(job.target[job.sequence.size()]);
                }
                job.promptRead += job.chunk;
                if (!job.reading()) {
                    job.sequence.doneReading();
                }
            } else if (job.logitsIndex >= 0) {
                job.sequence.takePending();
            }
        }
        for (Job job : group) {
            if (job.logitsIndex >= 0) {
                int token = LlamaNative.sample(job.sampler(), model.context(), job.logitsIndex);
                if (job.options.alternatives() > 0) {
                    job.choices.add(choice(job, token));
                }
                sampled(job, token);
            }
        }
    }

    /**
     * Whether a job that shares its prompt's prefix may read now: once the leader holds the prefix,
     * its cells are copied and the job reads on from there; a leader that no longer will hold it
     * (its job was cancelled) is let go.
     */
    private boolean leaderReady(Job job) {
        Sequence leader = job.leader;
        if (leader == null) {
            return true;
        }
        if (prefixLength(leader.prefixSource(), job.target) < job.sharedUntil) {
            job.leader = null;
            return true;
        }
        if (leader.size() < job.sharedUntil) {
            return false;
        }
        Sequence s = job.sequence;
        // Between the sequences' own buffers only a whole sequence can be copied: then its tail goes.
        LlamaNative.copyTokens(model.context(), leader.id, s.id, -1, -1);
        LlamaNative.removeTokens(model.context(), s.id, job.sharedUntil, -1);
        for (int position = s.size(); position < job.sharedUntil; position++) {
            s.push(job.target[position]);
        }
        job.leader = null;
        return true;
    }

    /**
     * A decode that did not complete (aborted, or an error) leaves an unknown part of its batch in
     * the cache: remove the batch's positions of every sequence in it, so each reads them again.
     */
    private void undo(List<Job> group, int result) {
        for (Job job : group) {
            if (job.logitsIndex >= 0 || job.chunk > 0) {
                LlamaNative.removeTokens(model.context(), job.sequence.id, job.sequence.size(), -1);
            }
        }
        if (result != 2) {
            for (Job job : group) {
                fail(job, "llama.cpp could not decode (error " + result + ")");
            }
        }
    }

    private void sampled(Job job, int token) {
        if (!job.options.ignoreEndOfText() && model.isEndOfGeneration(token)) {
            finish(job, StopReason.END_OF_TEXT);
            return;
        }
        job.generated++;
        String text = job.utf8.append(model.piece(token));
        job.sequence.sampled(token, text);
        if (!text.isEmpty()) {
            firstDeltaBuffered |= job.generated == 1;
            bufferDelta(new Delta(job.id, text, List.copyOf(job.choices)));
            job.choices.clear();
        }
        if (job.generated >= job.limit) {
            finish(job, job.limit == job.options.maxTokens() ? StopReason.MAX_TOKENS : StopReason.CONTEXT_FULL);
        }
    }

    /** The sampled token's probability and the likeliest alternatives, from the logits the job just sampled from. */
    private TokenChoice choice(Job job, int token) {
        int n = job.options.alternatives();
        float[] candidates = LlamaNative.candidates(model.context(), model.model(), job.logitsIndex, token, n);
        List<TokenChoice.Alternative> alternatives = new ArrayList<>(n);
        for (int i = 1; i + 1 < candidates.length; i += 2) {
            alternatives.add(new TokenChoice.Alternative(model.pieceText((int) candidates[i]), candidates[i + 1]));
        }
        return new TokenChoice(model.pieceText(token), candidates[0], alternatives);
    }

    private void finish(Job job, StopReason reason) {
        if (job.reading()) {
            job.sequence.forgetText();
        }
        jobs.remove(job);
        job.close();
        send(new Done(job.id, reason, job.generated, job.promptRead));
    }

    private void fail(Job job, String message) {
        job.sequence.forgetText();
        jobs.remove(job);
        job.close();
        send(new Failed(job.id, message));
    }

    private static int prefixLength(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? Math.min(a.length, b.length) : mismatch;
    }

    /** Writes the message now, with the deltas buffered before it. */
    private void send(Message message) {
        buffer(message);
        flushDeltas();
    }

    private void bufferDelta(Delta delta) {
        if (oldestBufferedNanos == 0) {
            oldestBufferedNanos = System.nanoTime();
        }
        buffer(delta);
    }

    /**
     * Writes the buffered deltas when they include a stream's first one, when the oldest has waited
     * {@link #COALESCE_NANOS}, or when this step took that long: the next is likely to take as long.
     */
    private void flushDeltasDue(long stepNanos) {
        if (oldestBufferedNanos != 0 && (firstDeltaBuffered || stepNanos >= COALESCE_NANOS
                || System.nanoTime() - oldestBufferedNanos >= COALESCE_NANOS)) {
            flushDeltas();
        }
    }

    private void flushDeltas() {
        try {
            out.flush();
        } catch (IOException e) {
            throw bridgeGone(e);
        }
        oldestBufferedNanos = 0;
        firstDeltaBuffered = false;
    }

    private void buffer(Message message) {
        try {
            out.buffer(MessageCodec.encode(message));
        } catch (IOException e) {
            throw bridgeGone(e);
        }
    }

    private static UncheckedIOException bridgeGone(IOException e) {
        return new UncheckedIOException("the bridge stopped reading", e);
    }

    /** The prompt alone does not fit the session's context; the message says so for the user. */
    static final class PromptTooLongException extends RuntimeException {
        PromptTooLongException(String message) {
            super(message);
        }
    }
}
