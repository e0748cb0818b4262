package dev.juxta.app.history;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The system's file dialogs, remembering the last folder used. */
public final class ExportFileDialogs implements ExportFileChooser {
    private final Window owner;
    private File folder;

    public ExportFileDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> exportTarget(ExportFormat format, String suggestedName) {
        FileChooser chooser = chooser("Export the comparison as " + format.label(), format);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner)).map(file -> withExtension(file, format));
    }

    @Override
    public Optional<Path> importSource() {
        return remember(chooser("Import a comparison", ExportFormat.JSON).showOpenDialog(owner));
    }

    private FileChooser chooser(String title, ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                format.label() + " (*." + format.extension() + ")", "*." + format.extension()));
        if (folder != null && folder.isDirectory()) {
            chooser.setInitialDirectory(folder);
        }
        return chooser;
    }

    private Optional<Path> remember(File chosen) {
        if (chosen != null) {
            folder = chosen.getParentFile();
        }
        return Optional.ofNullable(chosen).map(File::toPath);
    }

    /** Some platforms' dialogs return the name as typed, without the filter's extension. */
    private static Path withExtension(Path file, ExportFormat format) {
        String name = file.getFileName().toString();
        return name.contains(".") ? file : file.resolveSibling(name + "." + format.extension());
    }
}
