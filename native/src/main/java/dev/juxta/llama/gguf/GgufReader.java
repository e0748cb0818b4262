package dev.juxta.llama.gguf;

import dev.juxta.llama.ModelInfo;
import java.nio.file.Path;

public final class GgufReader {
    private GgufReader() {}
    public static ModelInfo readModelInfo(Path file) { throw new UnsupportedOperationException("not yet"); }
}
