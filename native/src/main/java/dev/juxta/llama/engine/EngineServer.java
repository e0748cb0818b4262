package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
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
 * <p>Threads: {@link #generate}, {@link #cancel} and {@link #forget} run on the command thread; a
 * single receiver thread ({@link #receiveLoop}) receives every task's results and does every
 * cancel. One receiver, rather than one blocked thread per task, because a task cancelled by
 * another thread than its receiver leaves that receiver blocked forever, and every blocked
 * receiver wakes on every result.
 *
 * <p>The receiver takes one result of each active task per round, in slot order. A receive spins,
 * starving the compute threads, while results of other tasks wait in the binding's queue, so the
 * round must follow the order in which llama.cpp emits results: slot by slot after each decode. A
 * task falls out of step when a decode gives it no result (a token that ends inside a UTF-8
 * character is held back), when its first result comes a decode before or after the others', or
 * when the receiver falls behind; {@link #step} sees that as a receive that spent its wait on the
 * CPU (it waited for a newer decode while other results were queued), and the task sits out the
 * next round, so that the others catch up with it.
 *
 * <p>The receiver also starts the slots' primings ({@link SlotPlanner}). A request never goes to
 * llama.cpp while a priming holds its slot: llama.cpp would defer it, and a deferred request that
 * is then cancelled still runs to its end with no one reading (measured: 5 s of CPU for a cancelled
 * 500-token answer). The receiver sends such a request once the priming has ended.
 */
final class EngineServer {
    /** CPU time a receive may spend before it counts as spinning: more than a normal wake-up. */
    private static final long SPIN_NANOS = 300_000;
    /**
     * How long deltas may wait in the buffer for the next ones, when tokens come faster than that.
     * Each write wakes two threads in the app (the reader, then the streaming thread), and on 2
     * cores every wake-up takes a core from llama.cpp's compute threads; a small model makes a
     * token every 0.7 ms. 3 ms is far below the 16 ms in which the app shows them, and a stream's
     * first delta never waits.
     */
    private static final long COALESCE_NANOS = 3_000_000;

    private final Binding binding;
    private final SlotPlanner planner;
    private final FrameWriter out;
    private final BlockingQueue<Object> control = new LinkedBlockingQueue<>();
    /** Receiver thread only: active tasks in the order the receiver takes their results. */
    private final List<EngineTask> round = new ArrayList<>();
    /** Receiver thread only: the request waiting for each slot's priming to end. */
    private final EngineTask[] waitingBySlot;
    private final ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
    /** Receiver thread only: when the oldest delta not yet written was buffered, 0 when none. */
    private long oldestBufferedNanos;
    /** Receiver thread only: a stream's first delta is in the buffer. */
    private boolean firstDeltaBuffered;

    private record CancelRequest(int id) {
    }

    /** A task to request once {@code prime} has left its slot. */
    private record AfterPrime(EngineTask task, EngineTask prime) {
    }

    EngineServer(Binding binding, FrameWriter out, int slots, int contextPerSlot, boolean chatTemplate) {
        this.binding = binding;
        this.planner = new SlotPlanner(binding, new PromptRenderer(binding, chatTemplate), slots, contextPerSlot);
        this.out = out;
        this.waitingBySlot = new EngineTask[slots];
    }

    /** Renders the prompt, drops the oldest turns that don't fit, and queues the task. */
    void generate(Generate g) {
        try {
            SlotPlanner.Plan plan = planner.plan(g);
            send(new Started(g.id(), plan.promptTokens(), plan.cachedTokens(), plan.turnsDropped()));
            if (plan.prime() == null) {
                plan.task().taskId = binding.request(plan.task().parameters, g.slot());
                control.add(plan.task());
            } else {
                if (plan.cancelPrime()) {
                    control.add(new CancelRequest(plan.prime().id));
                }
                control.add(new AfterPrime(plan.task(), plan.prime()));
            }
        } catch (SlotPlanner.PromptTooLongException e) {
            send(new Failed(g.id(), e.getMessage()));
        } catch (RuntimeException e) {
            send(new Failed(g.id(), "The engine could not start this answer: " + e.getMessage()));
        }
    }

    void cancel(int id) {
        control.add(new CancelRequest(id));
    }

    /** No session continues {@code slot}'s transcript: drops its priming, started or not. */
    void forget(int slot) {
        EngineTask prime = planner.forget(slot);
        if (prime != null) {
            control.add(new CancelRequest(prime.id));
        }
    }

    /** The receiver thread's body; returns only when interrupted. */
    void receiveLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                drainControl(round.isEmpty());
                long roundStart = System.nanoTime();
                for (EngineTask task : List.copyOf(round)) {
                    if (task.sitsOutRound) {
                        task.sitsOutRound = false;
                    } else {
                        step(task);
                    }
                    drainControl(false);
                }
                // At most one write per round: the tasks' results come from the same decode, and
                // the bridge then wakes once for all of them.
                flushDeltasDue(System.nanoTime() - roundStart);
                planner.startDuePrimes().forEach(this::enterRound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(EngineTask task) {
        if (!round.contains(task)) {
            return; // cancelled while an earlier task was received
        }
        Binding.Output output;
        long cpuBefore = cpuClock.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        try {
            output = binding.receive(task.taskId);
        } catch (RuntimeException e) {
            if (task.isPrime()) {
                primeEnded(task);
            } else {
                finish(task, new Failed(task.id, "llama.cpp failed: " + e.getMessage()));
            }
            return;
        }
        task.sitsOutRound = spun(cpuClock.getCurrentThreadCpuTime() - cpuBefore, System.nanoTime() - wallBefore);
        if (task.isPrime()) {
            if (output.stop()) {
                binding.release(task.taskId);
                primeNextChunk(task);
            }
            return;
        }
        if (!output.stop()) {
            task.generated++; // one result per token, even one whose text is empty
        }
        if (!output.text().isEmpty()) {
            firstDeltaBuffered |= task.answer.isEmpty();
            task.answer.append(output.text());
            bufferDelta(new Delta(task.id, output.text()));
        }
        if (output.stop()) {
            binding.release(task.taskId);
            // llama.cpp holds back a token that ends inside a UTF-8 character and sends it with the
            // next one, so results can undercount tokens; the answer's own tokens make up for that.
            task.generated = Math.max(task.generated, planner.encodedLength(task.answer.toString()));
            // Before Done: until the bridge sees it, no other request can come for this slot.
            planner.answered(task);
            finish(task, new Done(task.id, stopReason(task), task.generated));
        }
    }

    /**
     * Whether a receive spun rather than slept: the mark of a task out of step. Waiting for the
     * next decode, the receiver sleeps; a spin shorter than {@link #SPIN_NANOS}, while a decode's
     * results are sent one by one, is normal.
     */
    private static boolean spun(long cpuNanos, long wallNanos) {
        return cpuNanos > SPIN_NANOS && cpuNanos * 4 > wallNanos;
    }

    private static StopReason stopReason(EngineTask task) {
        if (task.generated < task.tokenLimit) {
            return StopReason.END_OF_TEXT;
        }
        task.generated = task.tokenLimit;
        return task.tokenLimit == task.maxTokens ? StopReason.MAX_TOKENS : StopReason.CONTEXT_FULL;
    }

    private void finish(EngineTask task, Message last) {
        round.remove(task);
        send(last);
    }

    /** Safe here: this thread is the only receiver, and it is not waiting for this task now. */
    private void cancelNow(EngineTask task) {
        binding.cancel(task.taskId);
        if (task.isPrime()) {
            primeEnded(task);
        } else {
            finish(task, new Done(task.id, StopReason.CANCELLED, task.generated));
        }
    }

    /** Sends the priming's next chunk, or ends the priming after its last. */
    private void primeNextChunk(EngineTask prime) {
        InferenceParameters next = prime.nextChunk();
        if (next == null) {
            primeEnded(prime);
            return;
        }
        try {
            prime.taskId = binding.request(next, prime.slot);
        } catch (RuntimeException e) {
            primeEnded(prime);
        }
    }

    /** The priming has left its slot, so the request waiting for it can go. */
    private void primeEnded(EngineTask prime) {
        planner.primeEnded(prime);
        round.remove(prime);
        EngineTask waiting = waitingBySlot[prime.slot];
        if (waiting != null) {
            waitingBySlot[prime.slot] = null;
            start(waiting);
        }
    }

    private void start(EngineTask task) {
        try {
            task.taskId = binding.request(task.parameters, task.slot);
        } catch (RuntimeException e) {
            send(new Failed(task.id, "The engine could not start this answer: " + e.getMessage()));
            return;
        }
        enterRound(task);
    }

    /** Slot order: llama.cpp sends each decode's results slot by slot. */
    private void enterRound(EngineTask task) {
        int at = 0;
        while (at < round.size() && round.get(at).slot < task.slot) {
            at++;
        }
        round.add(at, task);
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
            flushDeltas(); // nothing may wait in the buffer while the receiver sleeps
            long wait = planner.nanosToNextPrime();
            next = wait < 0 ? control.take() : control.poll(wait, TimeUnit.NANOSECONDS);
        }
        while (next != null) {
            switch (next) {
                case EngineTask task -> enterRound(task);
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

    /** Writes the message now, with the deltas buffered before it. Either thread. */
    private void send(Message message) {
        buffer(message);
        writeBuffer();
    }

    private void bufferDelta(Delta delta) {
        if (oldestBufferedNanos == 0) {
            oldestBufferedNanos = System.nanoTime();
        }
        buffer(delta);
    }

    /**
     * Writes the buffered deltas when they include a stream's first one, when the oldest has waited
     * {@link #COALESCE_NANOS}, or when this round took that long: the next is likely to take as
     * long (a bigger model), and its deltas would show a token late. A delta that waits longer,
     * because the next decode suddenly takes long (another session's prompt), waits with the
     * stream itself: that decode brings its next token too.
     */
    private void flushDeltasDue(long roundNanos) {
        if (oldestBufferedNanos == 0) {
            return;
        }
        if (firstDeltaBuffered || roundNanos >= COALESCE_NANOS || System.nanoTime() - oldestBufferedNanos >= COALESCE_NANOS) {
            flushDeltas();
        }
    }

    private void flushDeltas() {
        writeBuffer();
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

    private void writeBuffer() {
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
