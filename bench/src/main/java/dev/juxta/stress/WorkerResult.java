package dev.juxta.stress;

import java.util.List;

/** The values of the worker's {@code #result} line, by their names on that line. */
enum WorkerResult {
    LATE("late"), TERMINALS("terminals"), TRANSCRIPTS("transcripts"), ENGINES("engines"), UNEXPECTED("unexpected"),
    ENGINE_CRASHES("engineCrashes"), RSS_START_KB("rssStartKb"), RSS_LOADED_KB("rssLoadedKb"), RSS_END_KB("rssEndKb"),
    RSS_PEAK_KB("rssPeakKb"), HEAP_LOADED_KB("heapLoadedKb"), HEAP_END_KB("heapEndKb"), SECONDS("seconds");

    /** The values that must be 0 for the worker to pass. */
    static final List<WorkerResult> CHECKS = List.of(LATE, TERMINALS, TRANSCRIPTS, ENGINES, UNEXPECTED);

    final String key;

    WorkerResult(String key) {
        this.key = key;
    }
}
