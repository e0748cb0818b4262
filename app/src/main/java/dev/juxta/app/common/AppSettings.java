package dev.juxta.app.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** What Juxta remembers between runs: the last model, recent models and the theme. Saved on every change. */
public final class AppSettings {
    private static final int MAX_RECENT = 8;
    private static final String LAST_MODEL = "model.last";
    private static final String RECENT = "model.recent";
    private static final String THEME = "theme";

    private final Path file;
    private final Properties values = new Properties();

    private AppSettings(Path file) {
        this.file = file;
    }

    public static AppSettings load(AppDirs dirs) {
        AppSettings settings = new AppSettings(dirs.configDir().resolve("settings.properties"));
        if (Files.isRegularFile(settings.file)) {
            try (Reader in = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.values.load(in);
            } catch (IOException e) {
                // A damaged settings file must not stop the app; it is rewritten on the next change.
                System.err.println("juxta: ignoring unreadable " + settings.file + ": " + e.getMessage());
            }
        }
        return settings;
    }

    public synchronized Optional<Path> lastModel() {
        return Optional.ofNullable(values.getProperty(LAST_MODEL)).map(Path::of);
    }

    public synchronized List<Path> recentModels() {
        String joined = values.getProperty(RECENT, "");
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split("\n")).map(Path::of).toList();
    }

    /** Remembers a model that loaded: it becomes the last model and moves to the front of the recent list. */
    public synchronized void rememberModel(Path model) {
        Path absolute = model.toAbsolutePath().normalize();
        List<Path> recent = new ArrayList<>(recentModels());
        recent.remove(absolute);
        recent.addFirst(absolute);
        values.setProperty(LAST_MODEL, absolute.toString());
        values.setProperty(RECENT, String.join("\n", recent.stream().limit(MAX_RECENT).map(Path::toString).toList()));
        save();
    }

    public synchronized ThemeChoice theme() {
        try {
            return ThemeChoice.valueOf(values.getProperty(THEME, ThemeChoice.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return ThemeChoice.SYSTEM;
        }
    }

    public synchronized void setTheme(ThemeChoice theme) {
        values.setProperty(THEME, theme.name());
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(out, "Juxta settings");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save settings to " + file + ": " + e.getMessage(), e);
        }
    }
}
