package dev.juxta.app.history;

/** A file that cannot be imported: the message names the file, where in it and what is wrong. */
public final class ImportException extends RuntimeException {

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ImportException(String message) {
        super(message);
    }
}
