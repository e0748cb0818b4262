package dev.juxta.app.testkit;

import dev.juxta.app.engine.ChatSession;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.StreamStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scripted session: streams the given deltas, then completes, fails, or (when {@code hold} is set)
 * waits for cancel() or close() like the real one does.
 */
public final class FakeChatSession implements ChatSession {
    private final String name;
    private final String model;
    public final List<String> prompts = new CopyOnWriteArrayList<>();
    public final List<SessionOptions> optionsSeen = new CopyOnWriteArrayList<>();
    public volatile List<String> deltas = List.of("Once", " upon", " a time");
    public volatile String error;
    public volatile boolean hold;
    /** Runs just before the first delta: where a test moves its clock by the "engine's" time to first token. */
    public volatile Runnable beforeFirstDelta = () -> { };
    public final CountDownLatch streaming = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final List<ChatTurn> transcript = new ArrayList<>();
    public volatile boolean closed;
    public volatile boolean cancelled;
    public volatile int resets;

    public FakeChatSession(String name, String model) {
        this.name = name;
        this.model = model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo(Path.of(model + ".gguf"), model, "llama", 260_000, "F32", 2048, true, 1_000_000, 5, 64, 8, 4);
    }

    @Override
    public ModelOptions modelOptions() {
        return ModelOptions.defaults();
    }

    @Override
    public int contextLength() {
        return 512;
    }

    @Override
    public void replaceTranscript(List<ChatTurn> history) {
        synchronized (transcript) {
            transcript.clear();
            transcript.addAll(history);
        }
    }

    @Override
    public void setOptions(SessionOptions options) {
        optionsSeen.add(options);
    }

    @Override
    public void continueAnswer(String prompt, String answerPrefix, GenStream callback) {
        prompts.add(prompt);
        cancelled = false;
        release = new CountDownLatch(1);
        callback.onPhase(StreamPhase.READING_PROMPT);
        callback.onPrompt(10, 512); // as lastStats() says
        callback.onPhase(StreamPhase.GENERATING);
        StringBuilder answer = new StringBuilder(answerPrefix);
        beforeFirstDelta.run();
        for (String delta : deltas) {
            callback.onDelta(delta);
            answer.append(delta);
        }
        streaming.countDown();
        if (hold) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (transcript) {
            transcript.add(new ChatTurn(prompt, answer.toString()));
        }
        if (cancelled || closed) {
            callback.onCancelled();
        } else if (error != null) {
            callback.onError(error);
        } else {
            callback.onComplete();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        release.countDown();
    }

    @Override
    public void reset() {
        resets++;
        synchronized (transcript) {
            transcript.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
        release.countDown();
    }

    @Override
    public StreamStats lastStats() {
        StopReason reason = cancelled || closed ? StopReason.CANCELLED : error != null ? StopReason.ERROR : StopReason.END_OF_TEXT;
        return new StreamStats(10, 0, deltas.size(), 5, 100.0, reason, 0, 512);
    }

    @Override
    public List<ChatTurn> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }
}
