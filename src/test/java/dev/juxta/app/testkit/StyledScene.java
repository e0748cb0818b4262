package dev.juxta.app.testkit;

import javafx.scene.Parent;
import javafx.scene.Scene;

/** A scene with the app's stylesheets (as {@code Themes} gives the window's), for tests of how views lay out and look. */
public final class StyledScene {
    private StyledScene() {
    }

    /** FX thread. {@code theme}: "light" or "dark". */
    public static Scene of(Parent root, double width, double height, String theme) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().addAll(css("/dev/juxta/app/common/app.css"), css("/dev/juxta/app/common/" + theme + ".css"),
                css("/dev/juxta/app/chat/chat.css"));
        return scene;
    }

    private static String css(String resource) {
        return StyledScene.class.getResource(resource).toExternalForm();
    }
}
