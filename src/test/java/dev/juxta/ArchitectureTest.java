package dev.juxta;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.juxta.app.Main;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md asks for, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() throws URISyntaxException {
        // Only our own classes matter; resolving every JDK/JavaFX dependency would take most of the run.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        // The main classes' own folder, wherever the build puts it (test classes are elsewhere).
        Path mainClasses = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().importPath(mainClasses);
    }

    @Test
    void theBridgeNeverDependsOnTheApp() {
        noClasses().that().resideInAPackage("dev.juxta.llama..")
                .should().dependOnClassesThat().resideInAPackage("dev.juxta.app..")
                .check(classes);
    }

    @Test
    void onlyViewModelsAndTheEngineAdaptersUseTheBridge() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.juxta.app..")
                .and().haveNameNotMatching("dev\\.juxta\\.app\\..*ViewModel(\\$.*)?")
                .and().resideOutsideOfPackages("dev.juxta.app.engine..", "dev.juxta.app.selftest..")
                .and().doNotHaveFullyQualifiedName("dev.juxta.app.Main")
                // Named exceptions: the turn and load tasks run the ViewModels' bridge calls off the FX thread,
                // the loader hands ModelOptions from the picker to the workspace, and the app wires the pool.
                .and().haveNameNotMatching("dev\\.juxta\\.app\\.chat\\.TurnTask(\\$.*)?")
                .and().doNotHaveFullyQualifiedName("dev.juxta.app.workspace.ModelLoadTask")
                .and().doNotHaveFullyQualifiedName("dev.juxta.app.modelpicker.ModelLoader")
                .and().doNotHaveFullyQualifiedName("dev.juxta.app.JuxtaApp")
                // The history stores and reads the bridge's value records (SessionOptions, StopReason).
                .and().resideOutsideOfPackage("dev.juxta.app.history..")
                .should().dependOnClassesThat().resideInAPackage("dev.juxta.llama..");
        rule.check(classes);
    }

    @Test
    void viewModelsImportNoSceneClasses() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(classes);
    }

    @Test
    void nobodyStartsThreadsByHand() {
        noClasses().that().resideInAPackage("dev.juxta.app..")
                .and().resideOutsideOfPackage("dev.juxta.app.selftest..")
                .and().doNotHaveFullyQualifiedName("dev.juxta.app.common.DaemonExecutor")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .check(classes);
    }
}
