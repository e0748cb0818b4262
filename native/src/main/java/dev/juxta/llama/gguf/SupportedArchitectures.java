package dev.juxta.llama.gguf;

import java.util.Map;
import java.util.Set;

/**
 * The model architectures ({@code general.architecture}) that the bundled llama.cpp (build b4916,
 * via de.kherud:llama 4.2.0) knows, and which of them Juxta can use for text generation.
 */
public final class SupportedArchitectures {
    /** Every architecture name the bundled llama.cpp build recognises. */
    public static final Set<String> ALL = Set.of(
            "llama", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt", "baichuan",
            "starcoder", "refact", "bert", "nomic-bert", "jina-bert-v2", "bloom", "stablelm", "qwen",
            "qwen2", "qwen2moe", "qwen2vl", "phi2", "phi3", "phimoe", "plamo", "codeshell", "orion",
            "internlm2", "minicpm", "minicpm3", "gemma", "gemma2", "gemma3", "starcoder2", "mamba",
            "xverse", "command-r", "cohere2", "dbrx", "olmo", "olmo2", "olmoe", "openelm", "arctic",
            "deepseek", "deepseek2", "chatglm", "bitnet", "t5", "t5encoder", "jais", "nemotron",
            "exaone", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", "granite", "granitemoe", "chameleon",
            "wavtokenizer-dec");

    /** Architectures that llama.cpp loads but that can't generate text in a chat session, and why. */
    private static final Map<String, String> NOT_FOR_GENERATION = Map.of(
            "bert", "is an embedding model; Juxta needs a text-generation model",
            "nomic-bert", "is an embedding model; Juxta needs a text-generation model",
            "jina-bert-v2", "is an embedding model; Juxta needs a text-generation model",
            "t5encoder", "is an encoder-only (embedding) model; Juxta needs a text-generation model",
            "t5", "is an encoder-decoder model, which llama.cpp's server can't run; Juxta needs a"
                    + " decoder-only text-generation model",
            "wavtokenizer-dec", "is an audio decoder, not a text-generation model");

    private SupportedArchitectures() {}

    /** Whether the bundled llama.cpp recognises {@code arch}. */
    public static boolean isKnown(String arch) {
        return ALL.contains(arch);
    }

    /** Whether Juxta can chat with a model of this architecture. */
    public static boolean canGenerate(String arch) {
        return isKnown(arch) && !NOT_FOR_GENERATION.containsKey(arch);
    }

    /**
     * Why a model of this architecture can't be used ("architecture 'x' is not supported by this
     * llama.cpp build", "... is an embedding model; ..."), or {@code null} when it can.
     */
    public static String refusal(String arch) {
        if (!isKnown(arch)) {
            return "architecture '" + arch + "' is not supported by this llama.cpp build";
        }
        String why = NOT_FOR_GENERATION.get(arch);
        return why == null ? null : "architecture '" + arch + "' " + why;
    }
}
