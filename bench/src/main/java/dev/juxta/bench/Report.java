package dev.juxta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed table: metric | juxta | upstream | ratio | target | result. */
final class Report {
    enum Result { PASS, FAIL, INFO }

    private record Row(String metric, double juxta, double peer, String target, Result result, String unitFormat) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    void info(String metric, double juxta, double peer, String format) {
        rows.add(new Row(metric, juxta, peer, "", Result.INFO, format));
    }

    /** A row with a target; {@code pass} is false where a figure it needs is NaN (every comparison with NaN is). */
    void check(String metric, double juxta, double peer, String format, String target, boolean pass) {
        rows.add(new Row(metric, juxta, peer, target, pass ? Result.PASS : Result.FAIL, format));
    }

    boolean failed() {
        return rows.stream().anyMatch(r -> r.result == Result.FAIL);
    }

    void note(String text) {
        notes.add(text);
    }

    void print() {
        String line = "%-52s %10s %10s %7s  %-42s %s%n";
        System.out.println();
        System.out.println("== " + title);
        System.out.printf(line, "metric", "juxta", "upstream", "ratio", "target", "result");
        for (Row r : rows) {
            double ratio = r.juxta / r.peer;
            System.out.printf(line, r.metric, format(r.unitFormat, r.juxta), format(r.unitFormat, r.peer),
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
