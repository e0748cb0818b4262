package dev.juxta.app.modelpicker;

import dev.juxta.app.common.AppDirs;
import dev.juxta.app.common.AppSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The model files the picker offers: .gguf files in the model folders, then recent models elsewhere. */
public final class ModelLibrary {
    private final AppDirs dirs;
    private final AppSettings settings;

    public ModelLibrary(AppDirs dirs, AppSettings settings) {
        this.dirs = dirs;
        this.settings = settings;
    }

    public List<Path> modelFiles() {
        Set<Path> found = new LinkedHashSet<>();
        for (Path dir : dirs.modelDirs()) {
            found.addAll(ggufFilesIn(dir));
        }
        settings.recentModels().stream().filter(Files::isRegularFile).map(ModelLibrary::canonical).forEach(found::add);
        return new ArrayList<>(found);
    }

    public Path downloadDir() {
        return dirs.userModelDir();
    }

    private static List<Path> ggufFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf"))
                    .filter(Files::isRegularFile).map(ModelLibrary::canonical).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
