package dev.juxta.app.history;

import java.nio.file.Path;

/**
 * What it takes to reproduce a pane's answers: the exact model file, the engine and how it ran.
 *
 * @param file            the model file where it was at export
 * @param sizeBytes       the file's size
 * @param sha256          the file's SHA-256, lower-case hex
 * @param quantization    the file type, e.g. "Q4_0"
 * @param modelName       the model's own name
 * @param architecture    {@code general.architecture}, e.g. "llama"
 * @param chatTemplate    the model's Jinja chat template; null when it has none (plain continuation)
 * @param llamaCppVersion the llama.cpp release the engine was built from
 * @param threads         compute threads of the pane's engine
 * @param contextLength   tokens of context the pane's session had
 * @param reproducible    whether each session was decoded on its own (bit-identical answers on float weights)
 */
public record ReproducibilityCard(Path file, long sizeBytes, String sha256, String quantization, String modelName,
                                  String architecture, String chatTemplate, String llamaCppVersion, int threads,
                                  int contextLength, boolean reproducible) {

    public String fileName() {
        return file.getFileName().toString();
    }
}
