package dev.juxta.llama;

import dev.juxta.llama.gguf.GgufReader;
import java.nio.file.Path;

/**
 * What a GGUF model file says about itself, read and validated in Java without loading it.
 *
 * @param file                 the model file
 * @param name                 {@code general.name}, or the file name without extension when that
 *                             is missing or only names the architecture
 * @param architecture         {@code general.architecture}, e.g. "llama"
 * @param parameterCount       sum of the elements of all tensors
 * @param quantization         the file type, e.g. "Q4_0", "F16", "F32"
 * @param trainedContextLength {@code <arch>.context_length}
 * @param hasChatTemplate      whether {@code tokenizer.chat_template} is present
 * @param fileSize             bytes on disk
 * @param layerCount           {@code <arch>.block_count}
 * @param embeddingLength      {@code <arch>.embedding_length}
 * @param headCount            {@code <arch>.attention.head_count}
 * @param headCountKv          {@code <arch>.attention.head_count_kv} (= headCount when absent)
 */
public record ModelInfo(
        Path file,
        String name,
        String architecture,
        long parameterCount,
        String quantization,
        int trainedContextLength,
        boolean hasChatTemplate,
        long fileSize,
        int layerCount,
        int embeddingLength,
        int headCount,
        int headCountKv) {

    /**
     * Reads and validates the file's header, metadata and tensor table.
     *
     * @throws LlamaException naming the file and the reason when it is missing, a directory, empty,
     *                        not GGUF, malformed or truncated, or of an architecture the engine can't run
     */
    public static ModelInfo read(Path file) {
        return GgufReader.readModelInfo(file);
    }

    /** Bytes of KV cache per token of context (K and V in f16, as the engine allocates them). */
    public long kvBytesPerToken() {
        long headDim = headCount == 0 ? 0 : embeddingLength / headCount;
        return 2L * layerCount * headDim * headCountKv * 2L;
    }

    /**
     * Memory the engine needs for this model with {@code sessions} slots of {@code contextLength}
     * tokens: the mapped weights, the KV cache of every slot and a compute buffer.
     */
    public long estimateMemoryBytes(int contextLength, int sessions) {
        long kv = kvBytesPerToken() * contextLength * sessions;
        long compute = 64L * 1024 * 1024 + (long) contextLength * sessions * 4L * 1024;
        return fileSize + kv + compute;
    }
}
