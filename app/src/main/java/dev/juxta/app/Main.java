package dev.juxta.app;

import dev.juxta.app.selftest.SelfTest;
import dev.juxta.llama.engine.EngineMain;
import java.util.Arrays;

/**
 * Plain (non-Application) main so the jar starts from the classpath and the jpackage launcher can
 * also start the engine child process and the headless self-test without touching JavaFX.
 */
public final class Main {
    /** First argument that makes this launcher run a model engine (see the bridge's EngineLauncher). */
    public static final String ENGINE_FLAG = "--juxta-engine";
    public static final String SELF_TEST_FLAG = "--self-test";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(ENGINE_FLAG)) {
            EngineMain.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals(SELF_TEST_FLAG)) {
            System.exit(SelfTest.run(Arrays.copyOfRange(args, 1, args.length)));
        } else {
            JuxtaApp.launchApp(args);
        }
    }
}
