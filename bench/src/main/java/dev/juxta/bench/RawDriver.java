package dev.juxta.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The baseline: de.kherud.llama's public API driven directly, one Java thread per stream iterating
 * its own {@code generate()}. Runs only in the {@link RawBindingBench} child JVM.
 */
final class RawDriver implements Driver {
    private final LlamaModel model;
    private final Workload w;

    private RawDriver(LlamaModel model, Workload w) {
        this.model = model;
        this.w = w;
    }

    static RawDriver load(Workload w) {
        ModelParameters parameters = new ModelParameters()
                .setModel(w.model().toString())
                .setThreads(w.threads())
                .setThreadsBatch(w.threads())
                .setCtxSize(w.context() * w.slots())
                .setParallel(w.slots())
                .enableFlashAttn() // as Juxta's engine loads it: the ratios measure the bridge, not a setting
                .skipWarmup();
        return new RawDriver(new LlamaModel(parameters), w);
    }

    private InferenceParameters parameters(String prompt, int maxTokens) {
        return new InferenceParameters(prompt)
                .setCachePrompt(true)
                .setNPredict(maxTokens)
                .setIgnoreEos(true)
                .setTemperature((float) w.temperature())
                .setTopK(Workload.TOP_K)
                .setTopP((float) Workload.TOP_P)
                .setRepeatPenalty((float) Workload.REPEAT_PENALTY)
                .setSeed(w.seed());
    }

    @Override
    public Conversation conversation() {
        return new RawConversation();
    }

    @Override
    public double rssMib() {
        return Figures.rssMib(ProcessHandle.current().pid());
    }

    @Override
    public List<Long> processIds() {
        return List.of(ProcessHandle.current().pid());
    }

    /** Four non-streaming {@code complete()} calls at once, for reference. */
    @Override
    public void extras(Workload workload, Figures figures) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int rep = 0; rep < workload.reps(); rep++) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String prompt = workload.concurrentPrompt(i);
                    results.add(pool.submit(() -> {
                        go.await();
                        model.complete(parameters(prompt, workload.tokens()));
                        return workload.tokens(); // end-of-text ignored: always all of them
                    }));
                }
                long start = System.nanoTime();
                go.countDown();
                int tokens = 0;
                for (Future<Integer> r : results) {
                    tokens += r.get(5, TimeUnit.MINUTES);
                }
                rates.add(tokens / ((System.nanoTime() - start) / 1e9));
            } finally {
                pool.shutdownNow();
            }
        }
        figures.put(Figures.AGG4_COMPLETE_TPS, Figures.median(rates));
    }

    /**
     * The history is the plain concatenation of turns, as Juxta renders it for a model without a chat
     * template. Stop: the binding's iterator can only be cancelled from its own thread, so
     * {@link #stop} sets a flag that the streaming thread checks after every token.
     */
    private final class RawConversation implements Conversation {
        private final StringBuilder history = new StringBuilder();
        private volatile boolean stopRequested;
        private int lastPromptTokens;

        @Override
        public StreamClock stream(String prompt, int maxTokens, IntConsumer onToken) {
            stopRequested = false;
            String full = history + prompt;
            lastPromptTokens = model.encode(full).length + 1;
            StreamClock clock = new StreamClock();
            StringBuilder answer = new StringBuilder();
            LlamaIterator it = model.generate(parameters(full, maxTokens)).iterator();
            while (it.hasNext()) {
                LlamaOutput output = it.next();
                if (!output.text.isEmpty()) {
                    clock.token();
                    answer.append(output.text);
                    onToken.accept(clock.tokens());
                }
                if (stopRequested) {
                    it.cancel();
                    break;
                }
            }
            if (!answer.isEmpty()) {
                history.append(prompt).append(answer);
            }
            return clock;
        }

        @Override
        public void stop() {
            stopRequested = true;
        }

        @Override
        public void reset() {
            history.setLength(0);
        }

        @Override
        public int lastPromptTokens() {
            return lastPromptTokens;
        }

        @Override
        public void close() {
        }
    }
}
