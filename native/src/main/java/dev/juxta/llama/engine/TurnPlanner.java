package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.Started;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a request into a {@link Job} on its sequence: gives the sequence to the request's session,
 * renders the prompt, and decides what of it the sequence must read and what it already holds or
 * can copy from another sequence.
 *
 * <p>Decode thread only.
 */
final class TurnPlanner {
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

    /** A job ready to run, and the Started message that announces it. */
    record Plan(Job job, Started started) {
    }

    private final LoadedModel model;
    private final PromptRenderer renderer;
    private final Sequence[] sequences;
    private final SavedSequences saved;
    private final int contextPerSlot;
    private final boolean reproducible;

    TurnPlanner(LoadedModel model, Sequence[] sequences, int contextPerSlot, boolean reproducible) {
        this.model = model;
        this.renderer = new PromptRenderer(model);
        this.sequences = sequences;
        this.saved = new SavedSequences(sequences.length);
        this.contextPerSlot = contextPerSlot;
        this.reproducible = reproducible;
    }

    /**
     * Renders the prompt, dropping the oldest turns that don't fit, and decides what of it the
     * sequence must read: only what follows the text it holds, when the prompt repeats that text
     * and tokenizes the same way there; otherwise from where its tokens first differ.
     *
     * @throws PromptTooLongException when the prompt alone does not fit the context
     * @throws dev.juxta.llama.LlamaException when the chat template fails
     */
    Plan plan(Generate g) {
        Sequence sequence = sequences[g.slot()];
        takeOver(sequence, g.session());
        List<ChatTurn> turns = g.turns();
        int reserve = Math.min(g.options().maxTokens(), contextPerSlot / 4);
        int dropped = 0;
        String text = renderer.render(g.options(), turns, g.prompt(), g.answerPrefix());
        int[] target = targetTokens(sequence, text);
        while (target.length + reserve > contextPerSlot && dropped < turns.size()) {
            dropped++;
            text = renderer.render(g.options(), turns.subList(dropped, turns.size()), g.prompt(), g.answerPrefix());
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
        Job job = new Job(g.id(), sequence, g.options(), target,
                Math.min(g.options().maxTokens(), contextPerSlot - target.length), newSampler(g.options(), target));
        if (!reproducible) {
            findLeader(job);
        }
        int cached = Math.max(keep, job.leader != null ? job.sharedUntil : 0);
        return new Plan(job, new Started(g.id(), target.length, cached, dropped));
    }

    /** The session has closed: its saved cells go, and the cells it left in a sequence are kept only to share. */
    void forget(long session) {
        SavedSequences.free(saved.take(session));
        for (Sequence sequence : sequences) {
            if (sequence.owner() == session) {
                sequence.ownedBy(-1);
            }
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
            int shared = Math.min(Sequence.prefixLength(other.prefixSource(), job.target), job.target.length - 1);
            if (shared >= best) {
                best = shared;
                job.leader = other;
                job.sharedUntil = shared;
            }
        }
    }

    private long newSampler(SessionOptions o, int[] prompt) {
        long sampler = LlamaNative.newSampler(model.model(), (float) o.temperature(), (float) o.topP(), o.topK(),
                (float) o.minP(), (float) o.repeatPenalty(), PENALTY_WINDOW,
                o.seed() == SessionOptions.RANDOM_SEED ? 0xFFFFFFFFL : o.seed());
        LlamaNative.acceptTokens(sampler, Arrays.copyOfRange(prompt, Math.max(0, prompt.length - PENALTY_WINDOW), prompt.length));
        return sampler;
    }

    /** The prompt alone does not fit the session's context; the message says so for the user. */
    static final class PromptTooLongException extends RuntimeException {
        PromptTooLongException(String message) {
            super(message);
        }
    }
}
