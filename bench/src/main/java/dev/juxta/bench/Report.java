package dev.juxta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed table: metric | juxta | raw | ratio | target | result. */
final class Report {
    enum Result { PASS, FAIL, INFO }

    private record Row(String metric, double juxta, double raw, String target, Result result, String unitFormat) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    void info(String metric, double juxta, double raw, String format) {
        rows.add(new Row(metric, juxta, raw, "", Result.INFO, format));
    }

    void check(String metric, double juxta, double raw, String format, String target, boolean pass) {
        boolean known = !Double.isNaN(juxta) && (Double.isNaN(raw) || !target.contains("raw") || !Double.isNaN(raw));
        rows.add(new Row(metric, juxta, raw, target, known && pass ? Result.PASS : Result.FAIL, format));
    }

    void note(String text) {
        notes.add(text);
    }

    void print() {
        String line = "%-38s %12s %12s %8s  %-36s %s%n";
        System.out.println();
        System.out.println("== " + title);
        System.out.printf(line, "metric", "juxta", "raw", "ratio", "target", "result");
        for (Row r : rows) {
            double ratio = r.juxta / r.raw;
            System.out.printf(line, r.metric, format(r.unitFormat, r.juxta), format(r.unitFormat, r.raw),
                    Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
                    r.target.isEmpty() ? "-" : r.target, r.result == Result.INFO ? "" : r.result);
        }
        for (String note : notes) {
            System.out.println("  * " + note);
        }
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
