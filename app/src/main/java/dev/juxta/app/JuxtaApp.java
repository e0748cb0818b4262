package dev.juxta.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application (in progress). */
public final class JuxtaApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(JuxtaApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        throw new UnsupportedOperationException("not yet");
    }
}
