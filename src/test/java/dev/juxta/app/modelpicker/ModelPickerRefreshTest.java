package dev.juxta.app.modelpicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import dev.juxta.app.testkit.Fx;
import dev.juxta.testkit.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picker lists folders and reads GGUF headers on its executor, never on the FX thread. */
class ModelPickerRefreshTest {
    @TempDir
    Path home;

    @Test
    void refreshReadsTheFoldersOnTheExecutorAndShowsTheRowsAfterwards() throws Exception {
        String before = System.getProperty("juxta.home");
        System.setProperty("juxta.home", home.toString());
        try {
            AppDirs dirs = AppDirs.fromEnvironment();
            Files.createDirectories(dirs.userModelDir());
            Files.copy(TestModels.stories(), dirs.userModelDir().resolve("stories260K.gguf"));
            List<Runnable> queued = new ArrayList<>();
            ModelPickerViewModel viewModel = new ModelPickerViewModel(new ModelLibrary(dirs, AppSettings.load(dirs)),
                    queued::add, (model, options) -> {
                        throw new AssertionError("nothing loads here");
                    }, () -> 2);

            Fx.run(viewModel::refresh);
            assertEquals(1, queued.size(), "the scan went to the executor");
            assertTrue(Fx.call(() -> viewModel.rows().isEmpty()), "nothing was read on the FX thread");

            queued.getFirst().run(); // the executor's thread
            Fx.waitFor("the rows", Duration.ofSeconds(5), () -> viewModel.rows().size() == 1);
            assertEquals("stories260K.gguf", Fx.call(() -> viewModel.selectedProperty().get().file().getFileName().toString()));
        } finally {
            if (before == null) {
                System.clearProperty("juxta.home");
            } else {
                System.setProperty("juxta.home", before);
            }
        }
    }
}
