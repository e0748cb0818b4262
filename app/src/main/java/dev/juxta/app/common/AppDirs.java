package dev.juxta.app.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Juxta keeps its files: XDG data ({@code $XDG_DATA_HOME/juxta}, models in {@code models/})
 * and config ({@code $XDG_CONFIG_HOME/juxta}). The system property {@code juxta.home} moves both
 * under one root, so tests write to a temporary folder.
 */
public record AppDirs(Path dataDir, Path configDir, List<Path> bundledModelDirs) {

    public static AppDirs fromEnvironment() {
        return from(System.getenv(), System.getProperty("user.home"), System.getProperty("juxta.home"),
                Path.of("").toAbsolutePath(), System.getProperty("jpackage.app-path"));
    }

    static AppDirs from(Map<String, String> env, String userHome, String juxtaHome, Path workingDir, String appPath) {
        List<Path> bundled = new ArrayList<>();
        bundled.add(workingDir.resolve("models"));
        if (appPath != null && !appPath.isBlank()) {
            Path app = Path.of(appPath).toAbsolutePath();
            if (app.getParent() != null && app.getParent().getParent() != null) {
                bundled.add(app.getParent().getParent().resolve("models"));
            }
        }
        if (juxtaHome != null && !juxtaHome.isBlank()) {
            Path root = Path.of(juxtaHome);
            return new AppDirs(root.resolve("data"), root.resolve("config"), List.copyOf(bundled));
        }
        Path home = Path.of(userHome);
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share"));
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        return new AppDirs(data.resolve("juxta"), config.resolve("juxta"), List.copyOf(bundled));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // The XDG spec says relative values are invalid and must be ignored.
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    /** The user's own model folder, where downloads go. */
    public Path userModelDir() {
        return dataDir.resolve("models");
    }

    /** Every folder searched for .gguf files: beside the app first, then the user's. */
    public List<Path> modelDirs() {
        List<Path> dirs = new ArrayList<>(bundledModelDirs);
        dirs.add(userModelDir());
        return dirs.stream().map(Path::normalize).distinct().toList();
    }

    public Path ensureDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
