package dev.juxta.app.modelpicker;

import java.nio.file.Path;

/** One line of the picker's table, already formatted; {@code error} is non-empty for a file that cannot be used. */
public record ModelRow(Path file, String name, String architecture, String parameters, String quantization,
                       String trainedContext, String size, String chatTemplate, String memory, String error) {

    public boolean usable() {
        return error.isEmpty();
    }

    static ModelRow broken(Path file, String error) {
        return new ModelRow(file, file.getFileName().toString(), "", "", "", "", "", "", "", error);
    }
}
