package dev.juxta.bench;

import dev.juxta.llama.GenStream;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamPhase;
import dev.juxta.llama.StreamStats;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Juxta's side: sessions of one {@link LlamaEngine}. */
final class JuxtaDriver implements Driver {
    private final LlamaEngine engine;
    private final SessionOptions options;
    private final AtomicInteger names = new AtomicInteger();

    JuxtaDriver(LlamaEngine engine, Workload w) {
        this.engine = engine;
        this.options = sessionOptions(w.temperature(), w.seed());
    }

    static SessionOptions sessionOptions(double temperature, int seed) {
        SessionOptions o = SessionOptions.defaults().withTemperature(temperature).withTopK(Workload.TOP_K)
                .withTopP(Workload.TOP_P).withMinP(Workload.MIN_P).withRepeatPenalty(Workload.REPEAT_PENALTY).withSeed(seed);
        return o.withIgnoreEndOfText(true);
    }

    @Override
    public Conversation conversation() {
        return new Session(engine.createSession("bench-" + names.incrementAndGet(), options));
    }

    @Override
    public double rssMib() {
        return Figures.rssMib(engine.engineProcessId());
    }

    @Override
    public List<Long> processIds() {
        return List.of(ProcessHandle.current().pid(), engine.engineProcessId());
    }

    private static final class Session implements Conversation {
        private final LlamaSession session;

        Session(LlamaSession session) {
            this.session = session;
        }

        @Override
        public StreamClock stream(String prompt, int maxTokens, IntConsumer onToken) {
            session.setOptions(session.options().withMaxTokens(maxTokens));
            StreamClock clock = new StreamClock();
            String[] error = new String[1];
            session.stream(prompt, new GenStream() {
                @Override
                public void onDelta(String text) {
                    clock.token();
                    onToken.accept(clock.tokens());
                }

                @Override
                public void onPhase(StreamPhase phase) {
                    // Sent only once the slot is free, which it is after the engine's Done for
                    // this session's previous request: the end of its work.
                    if (phase == StreamPhase.READING_PROMPT) {
                        clock.dispatched();
                    }
                }

                @Override
                public void onComplete() {
                }

                @Override
                public void onError(String message) {
                    error[0] = message;
                }
            });
            if (error[0] != null) {
                throw new IllegalStateException("Juxta stream failed: " + error[0]);
            }
            return clock;
        }

        @Override
        public void stop() {
            session.cancel();
        }

        @Override
        public void reset() {
            session.reset();
        }

        @Override
        public int lastPromptTokens() {
            StreamStats stats = session.lastStats();
            return stats == null ? 0 : stats.promptTokens();
        }

        @Override
        public int lastReadTokens() {
            StreamStats stats = session.lastStats();
            return stats == null ? 0 : stats.promptTokens() - stats.cachedTokens();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
