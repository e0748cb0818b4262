package dev.juxta.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.selftest.SelfTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the packaging files (packaging/) and the self-test's command line, without jpackage. */
class PackagingFilesTest {
    private static final Path PACKAGING = Path.of("packaging");

    @ParameterizedTest
    @ValueSource(strings = {"postinst", "prerm", "postrm"})
    void maintainerScriptsAreValidShell(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-n", PACKAGING.resolve("linux/resources").resolve(script).toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), script + ": " + new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void maintainerScriptsDoNotNeedXdgUtils() throws IOException {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            String text = code(PACKAGING.resolve("linux/resources").resolve(script));
            assertTrue(!text.contains("xdg-desktop-menu") && !text.contains("DESKTOP_COMMANDS"), script);
        }
    }

    @Test
    void debHasARealMaintainerAddress() throws IOException {
        String deb = Files.readString(PACKAGING.resolve("linux/deb.cfg"));
        assertTrue(deb.lines().anyMatch(l -> l.matches("--linux-deb-maintainer [^\\s@]+@[^\\s@]+\\.[a-z]+")),
                "jpackage otherwise writes 'Maintainer: The Juxta authors <Unknown>'");
    }

    @Test
    void debDependsOnGtkWithT64AlternativeAndOnTheLlamaLibraries() throws IOException {
        String depends = Files.readAllLines(PACKAGING.resolve("linux/resources/control")).stream()
                .filter(l -> l.startsWith("Depends:")).findFirst().orElseThrow();
        for (String dep : List.of("libgtk-3-0 | libgtk-3-0t64", "libxtst6", "libstdc++6", "libgl1")) {
            assertTrue(depends.contains(dep), "Depends lacks " + dep + ": " + depends);
        }
        assertTrue(!depends.contains("xdg-utils"), depends);
    }

    @Test
    void runtimeHasJavaFxAndTheJdkModulesTheAppUses() throws IOException {
        String modules = Files.readAllLines(PACKAGING.resolve("jlink.cfg")).stream()
                .filter(l -> l.startsWith("--add-modules ")).findFirst().orElseThrow();
        for (String m : List.of("javafx.controls", "java.net.http", "jdk.management", "java.prefs", "java.sql")) {
            assertTrue(modules.contains(m), "jlink.cfg lacks " + m);
        }
    }

    @Test
    void sharedOptionsStayValidForEveryPackageType() throws IOException {
        String shared = code(PACKAGING.resolve("jpackage.cfg"));
        // Options of the app-image only would make "jpackage --type deb --app-image ..." fail.
        for (String imageOnly : List.of("--main-jar", "--main-class", "--input", "--java-options", "--runtime-image")) {
            assertTrue(!shared.contains(imageOnly), "jpackage.cfg must not hold " + imageOnly);
        }
    }

    @Test
    void iconsAreWhatTheCfgFilesPointAt() throws IOException {
        BufferedImage png = ImageIO.read(PACKAGING.resolve("icons/juxta.png").toFile());
        assertEquals(256, png.getWidth());
        assertEquals(256, png.getHeight());
        byte[] icns = Files.readAllBytes(PACKAGING.resolve("icons/juxta.icns"));
        assertEquals("icns", new String(icns, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(icns.length, ByteBuffer.wrap(icns, 4, 4).getInt(), "icns length header");
        byte[] ico = Files.readAllBytes(PACKAGING.resolve("icons/juxta.ico"));
        assertEquals(0, ico[0]);
        assertEquals(1, ico[2], "ICO type");
        assertTrue(Files.readString(PACKAGING.resolve("icons/juxta.svg")).contains("<svg"));
    }

    /** The file without its comment lines. */
    private static String code(Path file) throws IOException {
        return String.join("\n", Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("#")).toList());
    }

    @Test
    void selfTestRejectsABadCommandLineWithUsageCode() {
        assertEquals(SelfTest.USAGE, SelfTest.run(new String[] {}));
        assertEquals(SelfTest.USAGE, SelfTest.run(new String[] {"/no/such/model.gguf"}));
        assertEquals(SelfTest.USAGE, SelfTest.run(new String[] {"--max-tokens", "zero", "m.gguf"}));
        assertEquals(SelfTest.USAGE, SelfTest.run(new String[] {"--bogus", "m.gguf"}));
        assertEquals(SelfTest.OK, SelfTest.run(new String[] {"--help"}));
    }
}
