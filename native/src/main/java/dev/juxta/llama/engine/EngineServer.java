package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.TokenChoice;
import dev.juxta.llama.engine.Message.Delta;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Failed;
import dev.juxta.llama.engine.Message.Generate;
import java.util.ArrayList;
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
 * ({@link TurnPlanner}). Prompts that start alike (Send to all, one system prompt) are read once: a
 * later one waits for the first to have read the shared prefix and takes a copy of its cells.
 *
 * <p>Threads: {@link #generate} and {@link #cancel} run on the command thread and only queue;
 * the decode thread ({@link #decodeLoop}) does everything else. A cancel of a prompt being read also
 * aborts the decode in flight; the other sessions in that batch go on in the next one.
 */
final class EngineServer {
    /** Prompt tokens a decode takes while answers are being generated: a token of theirs waits for them. */
    static final int PROMPT_CHUNK_WHILE_GENERATING = 64;

    private record CancelRequest(int id) {
    }

    private record ForgetRequest(long session) {
    }

    private final LoadedModel model;
    private final MessageOutput out;
    private final TurnPlanner planner;
    private final boolean reproducible;
    private final Batch batch = new Batch(LoadedModel.BATCH_TOKENS);
    private final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
    /** Decode thread only: the jobs in slot order. */
    private final List<Job> jobs = new ArrayList<>();
    /** Ids of the jobs whose prompt the decode in flight reads, for the command thread's abort. */
    private final Set<Integer> readingNow = ConcurrentHashMap.newKeySet();
    /** Ids cancelled by the command thread and not yet ended by the decode thread. */
    private final Set<Integer> cancelRequested = ConcurrentHashMap.newKeySet();

    /**
     * @param reproducible decode each job alone: on float weights the kernels compute a row
     *                     differently beside other rows, so only that gives a job its solo answer
     */
    EngineServer(LoadedModel model, FrameWriter out, int slots, int contextPerSlot, boolean reproducible) {
        this.model = model;
        this.reproducible = reproducible;
        this.out = new MessageOutput(out);
        Sequence[] sequences = new Sequence[slots];
        for (int i = 0; i < slots; i++) {
            sequences[i] = new Sequence(i);
        }
        this.planner = new TurnPlanner(model, sequences, contextPerSlot, reproducible);
    }

    void generate(Generate g) {
        commands.add(g);
    }

    /** A closed session: its set-aside cells are dropped, and its sequence's cells are nobody's to save. */
    void forget(long session) {
        commands.add(new ForgetRequest(session));
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
                    out.stepDone(System.nanoTime() - start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runCommands(boolean block) throws InterruptedException {
        Object next = commands.poll();
        if (next == null && block) {
            out.flush();
            next = commands.take();
        }
        for (; next != null; next = commands.poll()) {
            switch (next) {
                case Generate g -> start(g);
                case CancelRequest c -> {
                    jobs.stream().filter(j -> j.id == c.id()).findFirst().ifPresent(j -> finish(j, StopReason.CANCELLED));
                    cancelRequested.remove(c.id());
                }
                case ForgetRequest f -> planner.forget(f.session());
                default -> throw new IllegalStateException("unexpected command " + next);
            }
        }
    }

    private void start(Generate g) {
        TurnPlanner.Plan plan;
        try {
            plan = planner.plan(g);
        } catch (TurnPlanner.PromptTooLongException | LlamaException e) {
            out.send(new Failed(g.id(), e.getMessage()));
            return;
        }
        out.send(plan.started());
        int index = 0;
        while (index < jobs.size() && jobs.get(index).sequence.id < plan.job().sequence.id) {
            index++;
        }
        jobs.add(index, plan.job());
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
            int room = reproducible ? TurnPlanner.REPRODUCIBLE_CHUNK - s.size() % TurnPlanner.REPRODUCIBLE_CHUNK
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
        if (Sequence.prefixLength(leader.prefixSource(), job.target) < job.sharedUntil) {
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
            out.delta(new Delta(job.id, text, List.copyOf(job.choices)), job.generated == 1);
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
        out.send(new Done(job.id, reason, job.generated, job.promptRead));
    }

    private void fail(Job job, String message) {
        job.sequence.forgetText();
        jobs.remove(job);
        job.close();
        out.send(new Failed(job.id, message));
    }

}
