package dev.juxta.testkit;

import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.StreamPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link GenStream} that records every callback in order, with the thread it ran on. */
public class RecordingStream implements GenStream {
    public final List<String> deltas = new CopyOnWriteArrayList<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<Thread> threads = new CopyOnWriteArrayList<>();
    public final CountDownLatch firstDelta = new CountDownLatch(1);
    public volatile String error;

    @Override
    public void onDelta(String text) {
        record("delta");
        deltas.add(text);
        firstDelta.countDown();
    }

    @Override
    public void onComplete() {
        record("complete");
    }

    @Override
    public void onError(String message) {
        error = message;
        record("error");
    }

    @Override
    public void onCancelled() {
        record("cancelled");
    }

    @Override
    public void onPhase(StreamPhase phase) {
        record("phase:" + phase);
    }

    @Override
    public void onPrompt(int promptTokens, int contextLength) {
        record("prompt:" + promptTokens + "/" + contextLength);
    }

    private void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread());
    }

    /** Streams {@code prompt} into this recording on a new thread; returns once the first delta came. */
    public Thread streamInBackground(LlamaSession session, String prompt) throws InterruptedException {
        Thread streaming = Thread.ofPlatform().name("test-stream-" + session.name()).start(() -> session.stream(prompt, this));
        if (!firstDelta.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no delta within 10 s; events: " + events);
        }
        return streaming;
    }

    /** Streams {@code prompt} on this thread and returns the recording; fails unless the stream completed. */
    public static RecordingStream completed(LlamaSession session, String prompt) {
        RecordingStream recording = new RecordingStream();
        session.stream(prompt, recording);
        if (!"complete".equals(recording.last())) {
            throw new AssertionError("stream failed: " + recording.error + "; events: " + recording.events);
        }
        return recording;
    }

    public String text() {
        return String.join("", deltas);
    }

    /** The terminal events (complete, error, cancelled) seen. */
    public List<String> terminals() {
        return events.stream().filter(e -> e.equals("complete") || e.equals("error") || e.equals("cancelled")).toList();
    }

    /** The last event, which must be the one terminal event. */
    public String last() {
        return events.isEmpty() ? "" : events.get(events.size() - 1);
    }
}
