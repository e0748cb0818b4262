package dev.juxta.app.history;

import java.util.function.Function;

/** The two exports: Markdown for people, JSON for machines (and the only one Import reads). */
public enum ExportFormat {
    MARKDOWN("Markdown", "md", ComparisonMarkdown::write),
    JSON("JSON", "json", ComparisonJson::write);

    private final String label;
    private final String extension;
    private final Function<ExportedComparison, String> writer;

    ExportFormat(String label, String extension, Function<ExportedComparison, String> writer) {
        this.label = label;
        this.extension = extension;
        this.writer = writer;
    }

    public String label() {
        return label;
    }

    /** Without the dot: "md", "json". */
    public String extension() {
        return extension;
    }

    String write(ExportedComparison comparison) {
        return writer.apply(comparison);
    }
}
