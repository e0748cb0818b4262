package dev.juxta.llama.engine;

/** Entry point of the engine child process (in progress). */
public final class EngineMain {
    private EngineMain() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
