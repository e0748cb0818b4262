package dev.juxta.llama;

import dev.juxta.llama.engine.EngineProcess;
import dev.juxta.llama.engine.Message;
import dev.juxta.llama.engine.Message.Cancel;
import dev.juxta.llama.engine.Message.Delta;
import dev.juxta.llama.engine.Message.Done;
import dev.juxta.llama.engine.Message.Failed;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.Started;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@link LlamaSession#stream} call: takes a slot, sends the turn to the engine, and turns the
 * engine's messages into callbacks on the streaming thread. Cancel does not wait for the engine:
 * the stream ends at once, and the slot is released when the engine confirms.
 */
final class SessionStream {
    private record EngineDied(String reason) {
    }

    private static final Object CANCEL = new Object();
    private static final Object ENGINE_STARTED = new Object();

    private final LlamaEngine engine;
    private final LlamaSession session;
    private final SessionOptions options;
    private final List<ChatTurn> turns;
    private final String prompt;
    private final GenStream callback;
    private final Thread streamThread;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final String answerPrefix;
    private final StringBuilder answer;
    private volatile boolean cancelled;

    private final long startNanos = System.nanoTime();
    private long firstDeltaNanos;
    private int promptTokens;
    private int cachedTokens;
    private int turnsDropped;
    private int deltas;

    SessionStream(LlamaEngine engine, LlamaSession session, SessionOptions options, List<ChatTurn> turns,
                  String prompt, String answerPrefix, GenStream callback, Thread streamThread) {
        this.engine = engine;
        this.session = session;
        this.options = options;
        this.turns = turns;
        this.prompt = prompt;
        this.answerPrefix = answerPrefix;
        this.answer = new StringBuilder(answerPrefix);
        this.callback = callback;
        this.streamThread = streamThread;
    }

    boolean isOnStreamThread() {
        return Thread.currentThread() == streamThread;
    }

    void cancel() {
        cancelled = true;
        events.add(CANCEL);
        engine.slots().wakeAll();
    }

    void run() {
        EngineProcess process;
        int slot;
        try {
            process = awaitEngine(engine.process());
            slot = process == null ? -1
                    : engine.slots().acquire(session, opening(), () -> callback.onPhase(StreamPhase.WAITING_FOR_SLOT),
                            () -> cancelled);
        } catch (LlamaException e) {
            end(StopReason.ERROR, 0, () -> callback.onError(e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot = -1;
            process = null;
        }
        if (slot < 0) {
            end(StopReason.CANCELLED, 0, callback::onCancelled);
            return;
        }
        int id = engine.nextRequestId();
        process.register(id, new SlotReleasingListener(process, id, slot));
        try {
            process.send(new Generate(id, slot, session.id(), options, turns, prompt, answerPrefix));
        } catch (LlamaException e) {
            // The engine died; its death notice is queued for this request by register/died.
        }
        callback.onPhase(StreamPhase.READING_PROMPT);
        receive(process, id);
    }

    /** How this conversation opens, as the engine renders it first: system prompt, then first message. */
    private String opening() {
        return options.systemPrompt() + '\u0000' + (turns.isEmpty() ? prompt : turns.getFirst().user());
    }

    /** The engine's process once it runs, or null when cancelled while it (re)starts. */
    private EngineProcess awaitEngine(CompletableFuture<EngineProcess> starting) throws InterruptedException {
        if (!starting.isDone()) {
            callback.onPhase(StreamPhase.STARTING_ENGINE);
            starting.whenComplete((process, failure) -> events.add(ENGINE_STARTED));
            while (events.take() != ENGINE_STARTED) {
                if (cancelled) {
                    return null;
                }
            }
        }
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof LlamaException le ? le : new LlamaException(e.getCause().getMessage(), e);
        }
    }

    private void receive(EngineProcess process, int id) {
        while (true) {
            Object event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                event = CANCEL;
            }
            if (event == CANCEL) {
                sendCancel(process, id);
                end(StopReason.CANCELLED, deltas, callback::onCancelled);
                return;
            }
            switch (event) {
                case Started s -> {
                    promptTokens = s.promptTokens();
                    cachedTokens = s.cachedTokens();
                    turnsDropped = s.turnsDropped();
                    callback.onPrompt(promptTokens, engine.contextLength());
                }
                case Delta d -> deliver(d);
                case Done d -> {
                    cachedTokens = promptTokens - d.promptTokensRead();
                    end(d.reason(), d.generatedTokens(), callback::onComplete);
                    return;
                }
                case Failed f -> {
                    end(StopReason.ERROR, deltas, () -> callback.onError(f.message()));
                    return;
                }
                case EngineDied died -> {
                    end(StopReason.ERROR, deltas, () -> callback.onError(died.reason()));
                    return;
                }
                default -> {
                    // A late engine-started notice: nothing to do.
                }
            }
        }
    }

    private void deliver(Delta delta) {
        String text = delta.text();
        if (text.isEmpty()) {
            return;
        }
        if (deltas++ == 0) {
            firstDeltaNanos = System.nanoTime();
            callback.onPhase(StreamPhase.GENERATING);
        }
        answer.append(text);
        if (!delta.tokens().isEmpty()) {
            callback.onTokens(delta.tokens());
        }
        callback.onDelta(text);
    }

    private static void sendCancel(EngineProcess process, int id) {
        try {
            process.send(new Cancel(id));
        } catch (LlamaException e) {
            // The engine is gone: nothing left to cancel.
        }
    }

    /** Records the turn and the figures, then makes the one terminal callback. */
    private void end(StopReason reason, int generated, Runnable terminal) {
        boolean answered = answer.length() > 0 || reason != StopReason.ERROR && reason != StopReason.CANCELLED;
        ChatTurn turn = answered ? new ChatTurn(prompt, answer.toString()) : null;
        session.finished(turn, turnsDropped, stats(reason, generated));
        terminal.run();
    }

    private StreamStats stats(StopReason reason, int generated) {
        long now = System.nanoTime();
        long ttft = deltas == 0 ? -1 : (firstDeltaNanos - startNanos) / 1_000_000;
        double seconds = (now - firstDeltaNanos) / 1e9;
        double rate = generated > 1 && seconds > 0 ? (generated - 1) / seconds : 0;
        return new StreamStats(promptTokens, cachedTokens, generated, ttft, rate, reason, turnsDropped,
                engine.contextLength());
    }

    /** Forwards the engine's messages to the stream and frees the slot when the request ends. */
    private final class SlotReleasingListener implements EngineProcess.Listener {
        private final EngineProcess process;
        private final int id;
        private final int slot;

        SlotReleasingListener(EngineProcess process, int id, int slot) {
            this.process = process;
            this.id = id;
            this.slot = slot;
        }

        @Override
        public void onMessage(Message message) {
            // The slot is free before the stream sees its end: a stream started right after this
            // one returned must find it free, not take another session's slot and cache.
            if (message instanceof Done || message instanceof Failed) {
                process.unregister(id);
                engine.slots().release(slot);
            }
            events.add(message);
        }

        @Override
        public void onEngineDied(String reason) {
            engine.slots().release(slot);
            events.add(new EngineDied(reason));
        }
    }
}
