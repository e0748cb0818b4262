package dev.juxta.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * The one place themes are switched: every registered scene gets app.css plus light.css or dark.css,
 * following the system's colour scheme unless the user toggled a fixed theme.
 */
public final class Themes {
    private static final String BASE = "/dev/juxta/app/common/app.css";
    private static final String LIGHT = "/dev/juxta/app/common/light.css";
    private static final String DARK = "/dev/juxta/app/common/dark.css";

    private final AppSettings settings;
    private final ObjectProperty<ThemeChoice> choice;
    private final List<Scene> scenes = new ArrayList<>();

    public Themes(AppSettings settings) {
        this.settings = settings;
        this.choice = new SimpleObjectProperty<>(settings.theme());
        choice.addListener((obs, old, now) -> applyAll());
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, now) -> applyAll());
    }

    public void register(Scene scene, String... featureSheets) {
        scenes.add(scene);
        for (String sheet : featureSheets) {
            scene.getStylesheets().add(url(sheet));
        }
        apply(scene);
    }

    public boolean isDark() {
        return switch (choice.get()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
    }

    /** Switches to the theme opposite to the one shown, and remembers it. */
    public void toggle() {
        ThemeChoice next = isDark() ? ThemeChoice.LIGHT : ThemeChoice.DARK;
        choice.set(next);
        settings.setTheme(next);
    }

    private void applyAll() {
        scenes.forEach(this::apply);
    }

    private void apply(Scene scene) {
        List<String> sheets = scene.getStylesheets();
        sheets.removeAll(List.of(url(BASE), url(LIGHT), url(DARK)));
        sheets.addAll(0, List.of(url(BASE), url(isDark() ? DARK : LIGHT)));
    }

    private static String url(String resource) {
        var found = Themes.class.getResource(resource);
        if (found == null) {
            throw new IllegalStateException("missing stylesheet " + resource);
        }
        return found.toExternalForm();
    }
}
