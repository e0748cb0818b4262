package dev.juxta.app.history;

/** The history could not be read or written; the message says what and why. */
public final class HistoryException extends RuntimeException {
    private final boolean unusableFile;

    HistoryException(String message, Throwable cause) {
        super(message, cause);
        this.unusableFile = false;
    }

    private HistoryException(String message) {
        super(message);
        this.unusableFile = true;
    }

    /** The file is damaged or from a newer Juxta: it has to be set aside. */
    static HistoryException unusable(String message) {
        return new HistoryException(message);
    }

    boolean unusableFile() {
        return unusableFile;
    }
}
