package dev.juxta.app.chat;

import dev.juxta.llama.ModelInfo;
import java.nio.file.Path;

/**
 * The model a pane runs, as far as comparing, saving and exporting need it.
 *
 * @param file         the model file
 * @param name         the model's own name
 * @param quantization the file type, e.g. "Q4_0"
 * @param sizeBytes    the file's size
 */
public record ModelRef(Path file, String name, String quantization, long sizeBytes) {

    public static ModelRef of(ModelInfo info) {
        return new ModelRef(info.file().toAbsolutePath(), info.name(), info.quantization(), info.fileSize());
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
