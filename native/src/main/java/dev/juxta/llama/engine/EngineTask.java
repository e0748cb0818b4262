package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import dev.juxta.llama.engine.Message.Generate;
import java.util.List;

/**
 * One request on a slot, as the engine's receiver tracks it: an answer, or a silent priming. A
 * priming is sent in chunks, each a longer prefix of its prompt: llama.cpp reads a request's
 * prompt in one go, and only between chunks can the receiver cancel it.
 */
final class EngineTask {
    final int id;
    final int slot;
    /** The request as the bridge sent it, with the turns that fitted; null for a priming. */
    final Generate request;
    /** The rendered prompt: an answer's, or the whole of a priming's (its last chunk). */
    final String prompt;
    final InferenceParameters parameters;
    final int tokenLimit;
    final int maxTokens;
    final StringBuilder answer = new StringBuilder();
    /** A priming's prompts, each a longer prefix of the last; empty for an answer. */
    private final List<String> chunks;
    private int chunk;
    /** The binding's id, once requested. */
    int taskId = -1;
    int generated;
    /** Receiver thread only: skip this task's next receive, its last one having waited for a newer decode. */
    boolean sitsOutRound;

    private EngineTask(int id, int slot, Generate request, String prompt, InferenceParameters parameters,
                       int tokenLimit, int maxTokens, List<String> chunks) {
        this.id = id;
        this.slot = slot;
        this.request = request;
        this.prompt = prompt;
        this.parameters = parameters;
        this.tokenLimit = tokenLimit;
        this.maxTokens = maxTokens;
        this.chunks = chunks;
    }

    static EngineTask answer(Generate request, String prompt, InferenceParameters parameters, int tokenLimit) {
        return new EngineTask(request.id(), request.slot(), request, prompt, parameters, tokenLimit,
                request.options().maxTokens(), List.of());
    }

    static EngineTask prime(int id, int slot, List<String> chunks) {
        return new EngineTask(id, slot, null, chunks.getLast(), primeParameters(chunks.getFirst()), 1, 1, List.copyOf(chunks));
    }

    boolean isPrime() {
        return request == null;
    }

    /** The next chunk of a priming, or null after the last. */
    InferenceParameters nextChunk() {
        return chunk + 1 < chunks.size() ? primeParameters(chunks.get(++chunk)) : null;
    }

    /** One token is the least a request can generate; it is never read. */
    private static InferenceParameters primeParameters(String prompt) {
        return new InferenceParameters(prompt).setCachePrompt(true).setNPredict(1).setTemperature(0);
    }
}
