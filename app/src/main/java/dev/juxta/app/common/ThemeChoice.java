package dev.juxta.app.common;

/** The theme the user chose: follow the system's light/dark preference, or a fixed one. */
public enum ThemeChoice {
    SYSTEM, LIGHT, DARK
}
