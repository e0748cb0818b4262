package dev.juxta.app.e2e;

import dev.juxta.app.JuxtaApp;
import dev.juxta.app.testkit.Fx;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A test of the real app: each test starts it on a fresh Juxta home holding the shared models, and
 * stops it after. TestFX looks for {@code @Start} only in the test class itself, so each subclass
 * has a one-line {@code @Start} that calls {@link #startApp}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class RealAppTest {
    @TempDir
    static Path home;
    AppDriver driver;

    /** The app to start; a test that sets the app up first gives its own. */
    JuxtaApp newApp() {
        return new JuxtaApp();
    }

    void startApp(Stage stage) {
        AppDriver.freshHome(home.resolve("run-" + System.nanoTime()));
        driver = new AppDriver(new FxRobot(), newApp());
        driver.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        Fx.run(driver.app::stop);
    }
}
