package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import dev.juxta.llama.engine.Message.Generate;

/** One request on a slot, as the engine's receiver tracks it: an answer, or a silent priming. */
final class EngineTask {
    final int id;
    final int slot;
    /** The request as the bridge sent it, with the turns that fitted; null for a priming. */
    final Generate request;
    final InferenceParameters parameters;
    final int tokenLimit;
    final int maxTokens;
    final StringBuilder answer = new StringBuilder();
    /** The binding's id, once requested. */
    int taskId = -1;
    int generated;

    private EngineTask(int id, int slot, Generate request, InferenceParameters parameters, int tokenLimit, int maxTokens) {
        this.id = id;
        this.slot = slot;
        this.request = request;
        this.parameters = parameters;
        this.tokenLimit = tokenLimit;
        this.maxTokens = maxTokens;
    }

    static EngineTask answer(Generate request, InferenceParameters parameters, int tokenLimit) {
        return new EngineTask(request.id(), request.slot(), request, parameters, tokenLimit, request.options().maxTokens());
    }

    /** One token is the least a request can generate; it is never read. */
    static EngineTask prime(int id, int slot, String prompt) {
        InferenceParameters parameters = new InferenceParameters(prompt).setCachePrompt(true).setNPredict(1).setTemperature(0);
        return new EngineTask(id, slot, null, parameters, 1, 1);
    }

    boolean isPrime() {
        return request == null;
    }
}
