package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.engine.Message.Delta;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Failed;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.Started;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's requests on the binding's slots.
 *
 * <p>Threads: {@link #generate} and {@link #cancel} run on the command thread; a single receiver
 * thread ({@link #receiveLoop}) receives every task's results and does every cancel. One receiver,
 * rather than one blocked thread per task, because a task cancelled by another thread than its
 * receiver leaves that receiver blocked forever, and every blocked receiver wakes on every result.
 *
 * <p>The receiver takes one result of each active task per round. A receive spins, starving the
 * compute threads, while results of other tasks wait in the binding's queue, so the round must
 * follow the order in which llama.cpp emits results: slot by slot after each decode. A task falls
 * out of step when a decode gives it no result (a token that ends inside a UTF-8 character is held
 * back) or when it starts in the middle of a round; {@link #step} sees that as a receive that spent
 * its wait on the CPU and moves the task to the end of the round, which puts it back in step.
 *
 * <p>Shortly after an answer ends, its slot is primed for the next turn: a silent request reads the
 * transcript with this answer as the next prompt will render it. The slot holds the answer as
 * sampled, and a re-rendered answer rarely tokenizes the same way, so without priming the next
 * turn would re-read the whole answer before its first token. Priming does that while the user
 * reads. It waits {@link #PRIME_DELAY_NANOS} first: a request that comes at once (a script, or a
 * new session on the slot) would otherwise wait for it, since a prompt costs about the same to read
 * whether it is 30 tokens or 100. A request on the slot drops a priming not yet started, and cancels
 * a running one that its prompt does not continue. A request never goes to llama.cpp while a
 * priming holds its slot: llama.cpp would defer it, and a deferred request that is then cancelled
 * still runs to its end, with no one reading (measured: 5 s of CPU for a cancelled 500-token
 * answer). The receiver sends such a request once the priming is over. {@link #slotLock}
 * serializes the two threads that render, tokenize and request: {@link #generate} and the
 * receiver's {@link #startDuePrimes}.
 */
final class EngineServer {
    /** CPU time a receive may spend before it counts as spinning: more than a normal wake-up. */
    private static final long SPIN_NANOS = 300_000;
    /** Far less than anyone takes to read an answer and type the next prompt. */
    private static final long PRIME_DELAY_NANOS = 200_000_000;

    private final Binding binding;
    private final PromptRenderer renderer;
    private final FrameWriter out;
    private final int contextPerSlot;
    private final BlockingQueue<Object> control = new LinkedBlockingQueue<>();
    /** Active tasks in the order the receiver takes their results. */
    private final List<Task> round = new ArrayList<>();
    private final ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
    private final Object slotLock = new Object();
    /** The tokens each slot's cache holds or is about to hold, as far as this engine knows. */
    private final int[][] lastPromptBySlot;
    /** The answer each slot is to be primed with, and when; until the priming or the next request. */
    private final PendingPrime[] pendingPrimeBySlot;
    /** The priming request last made on each slot, until the next request on that slot. */
    private final Task[] primeBySlot;
    /** Priming requests take negative ids, apart from the bridge's. */
    private int nextPrimeId = -1;
    /** Receiver thread only: the request waiting for each slot's priming to end. */
    private final Task[] waitingBySlot;

    private static final class Task {
        final int id;
        final int slot;
        /** The request as the bridge sent it, with the turns that fitted; null for a priming request. */
        final Generate request;
        final InferenceParameters parameters;
        final int tokenLimit;
        final int maxTokens;
        final StringBuilder answer = new StringBuilder();
        /** The binding's id, once requested. */
        int taskId = -1;
        int generated;

        Task(int id, int slot, Generate request, InferenceParameters parameters, int tokenLimit, int maxTokens) {
            this.id = id;
            this.slot = slot;
            this.request = request;
            this.parameters = parameters;
            this.tokenLimit = tokenLimit;
            this.maxTokens = maxTokens;
        }

        boolean isPrime() {
            return request == null;
        }
    }

    private record CancelRequest(int id) {
    }

    private record PendingPrime(Task answered, long dueNanos) {
    }

    /** A task to request once {@code prime} has left its slot. */
    private record AfterPrime(Task task, Task prime) {
    }

    EngineServer(Binding binding, FrameWriter out, int slots, int contextPerSlot, boolean chatTemplate) {
        this.binding = binding;
        this.renderer = new PromptRenderer(binding, chatTemplate);
        this.out = out;
        this.contextPerSlot = contextPerSlot;
        this.lastPromptBySlot = new int[slots][];
        this.pendingPrimeBySlot = new PendingPrime[slots];
        this.primeBySlot = new Task[slots];
        this.waitingBySlot = new Task[slots];
    }

    /** Renders the prompt, drops the oldest turns that don't fit, and queues the task. */
    void generate(Generate g) {
        try {
            synchronized (slotLock) {
                queue(g);
            }
        } catch (RuntimeException e) {
            send(new Failed(g.id(), "The engine could not start this answer: " + e.getMessage()));
        }
    }

    private void queue(Generate g) {
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
            send(new Failed(g.id(), "The prompt is too long for the context: it takes " + tokens.length
                    + " tokens and the session's context holds " + contextPerSlot + "."));
            return;
        }
        int limit = Math.min(g.options().maxTokens(), contextPerSlot - tokens.length);
        int cached = commonPrefix(lastPromptBySlot[g.slot()], tokens);
        Task prime = takeSlot(g.slot(), tokens, cached);
        send(new Started(g.id(), tokens.length, cached, dropped));
        Generate kept = new Generate(g.id(), g.slot(), g.options(), turns.subList(dropped, turns.size()), g.prompt());
        Task task = new Task(g.id(), g.slot(), kept, parameters(g.options(), prompt, limit), limit, g.options().maxTokens());
        if (prime == null) {
            task.taskId = binding.request(task.parameters, task.slot);
            control.add(task);
        } else {
            control.add(new AfterPrime(task, prime));
        }
    }

    /**
     * Notes that {@code tokens} go to {@code slot} next; returns the priming that may still hold
     * the slot, or null. That priming is cancelled unless these tokens continue it, in which case
     * its work is theirs.
     */
    private Task takeSlot(int slot, int[] tokens, int cached) {
        pendingPrimeBySlot[slot] = null;
        Task prime = primeBySlot[slot];
        primeBySlot[slot] = null;
        if (prime != null && cached < lastPromptBySlot[slot].length) {
            control.add(new CancelRequest(prime.id));
        }
        lastPromptBySlot[slot] = tokens;
        return prime;
    }

    /** Tokens kept free for the answer when deciding which turns fit. */
    private int reserve(SessionOptions options) {
        return Math.min(options.maxTokens(), contextPerSlot / 4);
    }

    /** Receiver thread, when {@code task}'s answer ends: its slot is to be primed unless a request comes first. */
    private void schedulePrime(Task task) {
        synchronized (slotLock) {
            pendingPrimeBySlot[task.slot] = new PendingPrime(task, System.nanoTime() + PRIME_DELAY_NANOS);
        }
    }

    /** Receiver thread: starts the primings that are due. */
    private void startDuePrimes() {
        synchronized (slotLock) {
            long now = System.nanoTime();
            for (int slot = 0; slot < pendingPrimeBySlot.length; slot++) {
                PendingPrime pending = pendingPrimeBySlot[slot];
                if (pending != null && now - pending.dueNanos() >= 0) {
                    pendingPrimeBySlot[slot] = null;
                    prime(pending.answered());
                }
            }
        }
    }

    /** How long until the next priming is due; negative when none is pending. */
    private long nanosToNextPrime() {
        synchronized (slotLock) {
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
    }

    /**
     * Reads the transcript with {@code task}'s answer as the next turn's prompt will begin, on the
     * same slot. Skipped when the next turn would drop turns anyway, or when the template does not
     * show where the next prompt starts.
     */
    private void prime(Task task) {
        Generate g = task.request;
        List<ChatTurn> history = new ArrayList<>(g.turns());
        history.add(new ChatTurn(g.prompt(), task.answer.toString()));
        try {
            String next = renderer.renderNextPrefix(g.options(), history);
            if (next == null) {
                return;
            }
            int[] tokens = tokenize(next);
            if (tokens.length + reserve(g.options()) >= contextPerSlot) {
                return;
            }
            Task prime = new Task(nextPrimeId--, task.slot, null, primeParameters(next), 1, 1);
            prime.taskId = binding.request(prime.parameters, task.slot);
            primeBySlot[task.slot] = prime;
            lastPromptBySlot[task.slot] = tokens;
            round.addFirst(prime);
        } catch (RuntimeException e) {
            // Priming only saves time: the next turn reads the transcript itself.
            System.err.println("juxta engine: priming slot " + task.slot + " failed: " + e.getMessage());
        }
    }

    void cancel(int id) {
        control.add(new CancelRequest(id));
    }

    /** No session continues {@code slot}'s transcript: drops its priming, started or not. */
    void forget(int slot) {
        synchronized (slotLock) {
            pendingPrimeBySlot[slot] = null;
            Task prime = primeBySlot[slot];
            primeBySlot[slot] = null;
            if (prime != null) {
                control.add(new CancelRequest(prime.id));
            }
        }
    }

    /** The receiver thread's body; returns only when interrupted. */
    void receiveLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                drainControl(round.isEmpty());
                for (Task task : List.copyOf(round)) {
                    step(task);
                    drainControl(false);
                }
                // One write per round: the tasks' results come from the same decode, and the
                // bridge then wakes once for all of them.
                flush();
                startDuePrimes();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(Task task) {
        if (!round.contains(task)) {
            return; // cancelled while an earlier task was received
        }
        Binding.Output output;
        long cpuBefore = cpuClock.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        try {
            output = binding.receive(task.taskId);
        } catch (RuntimeException e) {
            finish(task, new Failed(task.id, "llama.cpp failed: " + e.getMessage()));
            return;
        }
        if (spun(cpuClock.getCurrentThreadCpuTime() - cpuBefore, System.nanoTime() - wallBefore)) {
            round.remove(task);
            round.add(task);
        }
        if (task.isPrime()) {
            if (output.stop()) {
                binding.release(task.taskId);
                primeEnded(task);
            }
            return;
        }
        if (!output.stop()) {
            task.generated++; // one result per token, even one whose text is empty
        }
        if (!output.text().isEmpty()) {
            task.answer.append(output.text());
            buffer(new Delta(task.id, output.text()));
        }
        if (output.stop()) {
            binding.release(task.taskId);
            // llama.cpp holds back a token that ends inside a UTF-8 character and sends it with the
            // next one, so results can undercount tokens; the answer's own tokens make up for that.
            task.generated = Math.max(task.generated, binding.encode(task.answer.toString()).length);
            // Before Done: until the bridge sees it, no other request can come for this slot.
            schedulePrime(task);
            finish(task, new Done(task.id, stopReason(task), task.generated));
        }
    }

    /**
     * Whether a receive spun rather than slept: the mark of a task out of step. Waiting for the
     * next decode, the receiver sleeps; a spin shorter than {@link #SPIN_NANOS}, while a decode's
     * results are sent one by one, is normal. Moving a task that was in step does no harm.
     */
    private static boolean spun(long cpuNanos, long wallNanos) {
        return cpuNanos > SPIN_NANOS && cpuNanos * 4 > wallNanos;
    }

    private static StopReason stopReason(Task task) {
        if (task.generated < task.tokenLimit) {
            return StopReason.END_OF_TEXT;
        }
        task.generated = task.tokenLimit;
        return task.tokenLimit == task.maxTokens ? StopReason.MAX_TOKENS : StopReason.CONTEXT_FULL;
    }

    private void finish(Task task, Message last) {
        round.remove(task);
        send(last);
    }

    /** Safe here: this thread is the only receiver, and it is not waiting for this task now. */
    private void cancelNow(Task task) {
        binding.cancel(task.taskId);
        if (task.isPrime()) {
            primeEnded(task);
        } else {
            finish(task, new Done(task.id, StopReason.CANCELLED, task.generated));
        }
    }

    /** Receiver thread: the priming has left its slot, so the request waiting for it can go. */
    private void primeEnded(Task prime) {
        round.remove(prime);
        Task waiting = waitingBySlot[prime.slot];
        if (waiting != null) {
            waitingBySlot[prime.slot] = null;
            start(waiting);
        }
    }

    private void start(Task task) {
        try {
            task.taskId = binding.request(task.parameters, task.slot);
        } catch (RuntimeException e) {
            send(new Failed(task.id, "The engine could not start this answer: " + e.getMessage()));
            return;
        }
        round.addFirst(task);
    }

    private void cancelRequested(int id) {
        round.stream().filter(t -> t.id == id).findFirst().ifPresentOrElse(this::cancelNow, () -> {
            for (int slot = 0; slot < waitingBySlot.length; slot++) {
                if (waitingBySlot[slot] != null && waitingBySlot[slot].id == id) {
                    waitingBySlot[slot] = null;
                    send(new Done(id, StopReason.CANCELLED, 0));
                }
            }
        });
    }

    private void drainControl(boolean block) throws InterruptedException {
        Object next = control.poll();
        if (next == null && block) {
            long wait = nanosToNextPrime();
            next = wait < 0 ? control.take() : control.poll(wait, TimeUnit.NANOSECONDS);
        }
        while (next != null) {
            switch (next) {
                // First: a new task's first result usually comes in the next decode, before the
                // others' results of that decode are all taken.
                case Task task -> round.addFirst(task);
                case AfterPrime a -> {
                    if (round.contains(a.prime())) {
                        waitingBySlot[a.task().slot] = a.task();
                    } else {
                        start(a.task());
                    }
                }
                case CancelRequest c -> cancelRequested(c.id());
                default -> throw new IllegalStateException("unexpected control " + next);
            }
            next = control.poll();
        }
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

    /** One token is the least a request can generate; it is never read. */
    private static InferenceParameters primeParameters(String prompt) {
        return new InferenceParameters(prompt).setCachePrompt(true).setNPredict(1).setTemperature(0);
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
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private void send(Message message) {
        buffer(message);
        flush();
    }

    private void buffer(Message message) {
        try {
            out.buffer(MessageCodec.encode(message));
        } catch (IOException e) {
            throw bridgeGone(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw bridgeGone(e);
        }
    }

    private static UncheckedIOException bridgeGone(IOException e) {
        return new UncheckedIOException("the bridge stopped reading", e);
    }
}
