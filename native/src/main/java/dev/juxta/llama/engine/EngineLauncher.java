package dev.juxta.llama.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds how to start an engine process: from an installed app through its own jpackage launcher
 * (whose runtime has no {@code java} command), otherwise with this JVM's {@code java} and class path.
 *
 * <p>Where the system has {@code nice} (Linux, macOS), the engine runs at a lower priority, so that
 * a busy CPU serves the app's UI, and whatever else the user does, before generation: with four
 * panes streaming on 2 cores, this cut the FX thread's p99 wait from 52-69 ms to 18-20 ms.
 */
final class EngineLauncher {
    /** The first argument that makes the app's launcher run {@link EngineMain}. */
    static final String ENGINE_FLAG = "--juxta-engine";
    static final int NICENESS = 10;
    private static final List<Path> NICE = List.of(Path.of("/usr/bin/nice"), Path.of("/bin/nice"));

    private EngineLauncher() {
    }

    static List<String> command(EngineArgs args) {
        List<String> command = new ArrayList<>();
        NICE.stream().filter(Files::isExecutable).findFirst().ifPresent(nice -> {
            command.add(nice.toString());
            command.add("-n");
            command.add(Integer.toString(NICENESS));
        });
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && Files.isExecutable(Path.of(appPath))) {
            command.add(appPath);
            command.add(ENGINE_FLAG);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The engine's Java side is small: a little heap, one GC thread, quick start.
            command.add("-Xmx192m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            // No hsperfdata file in /tmp: Juxta writes only in its own folders.
            command.add("-XX:-UsePerfData");
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(absoluteClassPath());
            command.add(EngineMain.class.getName());
        }
        command.addAll(args.toList());
        return command;
    }

    /** The engine runs in another folder, so relative class path entries must be made absolute. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
