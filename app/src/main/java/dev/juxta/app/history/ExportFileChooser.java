package dev.juxta.app.history;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the user where to export to and what to import; empty when they cancel. FX thread. The app's
 * is {@link ExportFileDialogs}; tests answer with paths of their own.
 */
public interface ExportFileChooser {

    Optional<Path> exportTarget(ExportFormat format, String suggestedName);

    Optional<Path> importSource();
}
