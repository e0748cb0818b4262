package dev.juxta;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.juxta.app.Main;
import dev.juxta.llama.LlamaException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md asks for, checked on the compiled main classes. */
class ArchitectureTest {
    /** Built with the tests (bench/ is a test source root): the benchmarks, the stress harness, test support and its GGUF writer. */
    private static final String[] BENCH_STRESS_AND_TEST_CODE = {"dev.juxta.bench..", "dev.juxta.stress..", "..testkit.."};
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
                .should().dependOnClassesThat(TALK_TO_THE_ENGINE);
        rule.check(classes);
    }

    /**
     * The bridge's classes that do something: engines, sessions, streams, the engine process. Its
     * values (records such as SessionOptions and TokenChoice, enums, its exception) and the GGUF
     * reader are data any feature may hold, save or show.
     */
    private static final DescribedPredicate<JavaClass> TALK_TO_THE_ENGINE = new DescribedPredicate<>("talk to the engine") {
        @Override
        public boolean test(JavaClass type) {
            return type.getPackageName().startsWith("dev.juxta.llama")
                    && !type.getPackageName().startsWith("dev.juxta.llama.gguf")
                    && !type.isEnum()
                    && !type.isAssignableTo(LlamaException.class)
                    && type.getRawSuperclass().map(superclass -> !superclass.getName().equals("java.lang.Record")).orElse(true);
        }
    };

    @Test
    void theAppJarHoldsNoBenchStressOrTestCode() {
        noClasses().should().resideInAnyPackage(BENCH_STRESS_AND_TEST_CODE).check(classes);
    }

    @Test
    void neitherTheAppNorTheBridgeUsesBenchStressOrTestCode() {
        noClasses().that().resideInAnyPackage("dev.juxta.app..", "dev.juxta.llama..")
                .should().dependOnClassesThat().resideInAnyPackage(BENCH_STRESS_AND_TEST_CODE)
                .check(classes);
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
