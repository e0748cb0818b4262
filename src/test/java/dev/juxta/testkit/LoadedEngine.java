package dev.juxta.testkit;

import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.ModelOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real engine for a whole test class, loaded before its tests and closed after them:
 * {@code @RegisterExtension static final LoadedEngine ENGINE = LoadedEngine.stories(2);}
 */
public final class LoadedEngine implements BeforeAllCallback, AfterAllCallback {
    private final Path model;
    private final ModelOptions options;
    private LlamaEngine engine;

    private LoadedEngine(Path model, ModelOptions options) {
        this.model = model;
        this.options = options;
    }

    /** stories260K with a 512-token context per session. */
    public static LoadedEngine stories(int sessions) {
        return new LoadedEngine(TestModels.stories(), ModelOptions.defaults().withContextLength(512).withMaxSessions(sessions));
    }

    public LlamaEngine get() {
        return engine;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = LlamaEngine.load(model, options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.close();
    }
}
