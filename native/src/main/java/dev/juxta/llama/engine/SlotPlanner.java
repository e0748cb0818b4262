package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.engine.Message.Generate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns requests into prompts for their slots, and keeps what each slot's cache holds as far as
 * the engine knows: the last prompt sent to it, and its priming.
 *
 * <p>Priming: shortly after an answer ends, its slot reads the transcript with this answer as the
 * next prompt will render it, in a silent request. The slot holds the answer as sampled, and a
 * re-rendered answer rarely tokenizes the same way, so without priming the next turn would re-read
 * the whole answer before its first token. Priming does that while the user reads. It waits
 * {@link #PRIME_DELAY_NANOS} first: a request that comes at once (a script, or a new session on the
 * slot) would otherwise wait for it, since a prompt costs about the same to read whether it is 30
 * tokens or 100. A request on the slot drops a priming not yet started, and cancels a running one
 * that its prompt does not continue.
 *
 * <p>Thread-safe: the command thread plans requests, the receiver starts primings; rendering,
 * tokenizing and requesting are serialized here, so that no request comes between a priming's
 * decision and its request.
 */
final class SlotPlanner {
    /** Far less than anyone takes to read an answer and type the next prompt. */
    private static final long PRIME_DELAY_NANOS = 200_000_000;
    /**
     * Text a priming chunk adds (about 60-120 tokens): a request that cancels the priming waits for
     * the chunk being read. In one piece, a 256-token answer's priming made a new session's first
     * prompt on that slot wait 520-580 ms instead of 30 (134M model, 2 threads).
     */
    static final int PRIME_CHUNK_CHARS = 256;

    /** A request ready to send: its prompt's figures, and the priming that may still hold its slot. */
    record Plan(EngineTask task, int promptTokens, int cachedTokens, int turnsDropped, EngineTask prime, boolean cancelPrime) {
    }

    private record PendingPrime(EngineTask answered, long dueNanos) {
    }

    private final Binding binding;
    private final PromptRenderer renderer;
    private final int contextPerSlot;
    /** The tokens each slot's cache holds or is about to hold. */
    private final int[][] lastPromptBySlot;
    /** The answer each slot is to be primed with, and when; until the priming or the next request. */
    private final PendingPrime[] pendingPrimeBySlot;
    /** The priming last started on each slot, until the next request on that slot. */
    private final EngineTask[] primeBySlot;
    /** Primings take negative ids, apart from the bridge's. */
    private int nextPrimeId = -1;

    SlotPlanner(Binding binding, PromptRenderer renderer, int slots, int contextPerSlot) {
        this.binding = binding;
        this.renderer = renderer;
        this.contextPerSlot = contextPerSlot;
        this.lastPromptBySlot = new int[slots][];
        this.pendingPrimeBySlot = new PendingPrime[slots];
        this.primeBySlot = new EngineTask[slots];
    }

    /**
     * Renders the request's prompt, dropping the oldest turns that don't fit, and takes its slot.
     *
     * @throws PromptTooLongException when the prompt alone does not fit the context
     */
    synchronized Plan plan(Generate g) {
        List<ChatTurn> turns = g.turns();
        int reserve = reserve(g.options());
        int dropped = 0;
        String prompt = renderer.render(g.options(), turns, g.prompt());
        int[] tokens = tokenize(prompt);
        while (tokens.length + reserve > contextPerSlot && dropped < turns.size()) {
            dropped++;
            prompt = renderer.render(g.options(), turns.subList(dropped, turns.size()), g.prompt());
            tokens = tokenize(prompt);
        }
        if (tokens.length >= contextPerSlot) {
            throw new PromptTooLongException("The prompt is too long for the context: it takes " + tokens.length
                    + " tokens and the session's context holds " + contextPerSlot + ".");
        }
        int limit = Math.min(g.options().maxTokens(), contextPerSlot - tokens.length);
        int slot = g.slot();
        int cached = commonPrefix(lastPromptBySlot[slot], tokens);
        pendingPrimeBySlot[slot] = null;
        EngineTask prime = primeBySlot[slot];
        primeBySlot[slot] = null;
        // A priming these tokens continue has done part of their work: let it finish.
        boolean cancelPrime = prime != null && cached < lastPromptBySlot[slot].length;
        lastPromptBySlot[slot] = tokens;
        Generate kept = new Generate(g.id(), slot, g.options(), turns.subList(dropped, turns.size()), g.prompt());
        EngineTask task = EngineTask.answer(kept, prompt, parameters(g.options(), prompt, limit), limit);
        return new Plan(task, tokens.length, cached, dropped, prime, cancelPrime);
    }

    /** Receiver thread, when {@code task}'s answer ends: its slot is to be primed unless a request comes first. */
    synchronized void answered(EngineTask task) {
        pendingPrimeBySlot[task.slot] = new PendingPrime(task, System.nanoTime() + PRIME_DELAY_NANOS);
    }

    /** Receiver thread: requests the primings that are due and returns them. */
    synchronized List<EngineTask> startDuePrimes() {
        List<EngineTask> started = new ArrayList<>(0);
        long now = System.nanoTime();
        for (int slot = 0; slot < pendingPrimeBySlot.length; slot++) {
            PendingPrime pending = pendingPrimeBySlot[slot];
            if (pending != null && now - pending.dueNanos() >= 0) {
                pendingPrimeBySlot[slot] = null;
                EngineTask prime = prime(pending.answered());
                if (prime != null) {
                    started.add(prime);
                }
            }
        }
        return started;
    }

    /** How long until the next priming is due; negative when none is pending. */
    synchronized long nanosToNextPrime() {
        long now = System.nanoTime();
        long next = -1;
        for (PendingPrime pending : pendingPrimeBySlot) {
            if (pending != null) {
                long wait = Math.max(0, pending.dueNanos() - now);
                next = next < 0 ? wait : Math.min(next, wait);
            }
        }
        return next;
    }

    /** Receiver thread: the priming has left its slot, so the slot's next request can go straight to llama.cpp. */
    synchronized void primeEnded(EngineTask prime) {
        if (primeBySlot[prime.slot] == prime) {
            primeBySlot[prime.slot] = null;
        }
    }

    /** No session continues {@code slot}'s transcript: drops a pending priming; returns a started one to cancel, or null. */
    synchronized EngineTask forget(int slot) {
        pendingPrimeBySlot[slot] = null;
        EngineTask prime = primeBySlot[slot];
        primeBySlot[slot] = null;
        return prime;
    }

    int encodedLength(String text) {
        return binding.encode(text).length;
    }

    /**
     * Reads the transcript with {@code answered}'s answer as the next turn's prompt will begin, on
     * the same slot. Skipped when the next turn would drop turns anyway, or when the template does
     * not show where the next prompt starts.
     */
    private EngineTask prime(EngineTask answered) {
        Generate g = answered.request;
        List<ChatTurn> history = new ArrayList<>(g.turns());
        history.add(new ChatTurn(g.prompt(), answered.answer.toString()));
        try {
            String next = renderer.renderNextPrefix(g.options(), history);
            if (next == null) {
                return null;
            }
            int[] tokens = tokenize(next);
            if (tokens.length + reserve(g.options()) >= contextPerSlot) {
                return null;
            }
            EngineTask prime = EngineTask.prime(nextPrimeId--, answered.slot, chunks(answered.prompt, next));
            prime.taskId = binding.request(prime.parameters, prime.slot);
            primeBySlot[prime.slot] = prime;
            lastPromptBySlot[prime.slot] = tokens;
            return prime;
        } catch (RuntimeException e) {
            // Priming only saves time: the next turn reads the transcript itself.
            System.err.println("juxta engine: priming slot " + answered.slot + " failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Ever longer prefixes of {@code next}, {@link #PRIME_CHUNK_CHARS} apart, from where it leaves
     * the {@code cached} prompt; the last is {@code next}. A cut may split a token or a template
     * marker: the next chunk re-reads that token or two.
     */
    static List<String> chunks(String cached, String next) {
        int from = next.startsWith(cached) ? cached.length() : 0;
        List<String> chunks = new ArrayList<>();
        for (int end = from + PRIME_CHUNK_CHARS; end < next.length(); end += PRIME_CHUNK_CHARS) {
            int cut = Character.isHighSurrogate(next.charAt(end - 1)) ? end - 1 : end;
            chunks.add(next.substring(0, cut));
        }
        chunks.add(next);
        return chunks;
    }

    /** Tokens kept free for the answer when deciding which turns fit. */
    private int reserve(SessionOptions options) {
        return Math.min(options.maxTokens(), contextPerSlot / 4);
    }

    private static InferenceParameters parameters(SessionOptions o, String prompt, int limit) {
        InferenceParameters p = new InferenceParameters(prompt)
                .setCachePrompt(true)
                .setNPredict(limit)
                .setTemperature((float) o.temperature())
                .setTopP((float) o.topP())
                .setTopK(o.topK())
                .setRepeatPenalty((float) o.repeatPenalty())
                .setIgnoreEos(o.ignoreEndOfText());
        if (o.seed() != SessionOptions.RANDOM_SEED) {
            p.setSeed((int) o.seed());
        }
        return p;
    }

    private int[] tokenize(String text) {
        int[] tokens = binding.encode(text);
        int[] withBos = new int[tokens.length + 1];
        System.arraycopy(tokens, 0, withBos, 1, tokens.length);
        return withBos;
    }

    private static int commonPrefix(int[] a, int[] b) {
        if (a == null) {
            return 0;
        }
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }

    /** The prompt alone does not fit the session's context; the message says so for the user. */
    static final class PromptTooLongException extends RuntimeException {
        PromptTooLongException(String message) {
            super(message);
        }
    }
}
