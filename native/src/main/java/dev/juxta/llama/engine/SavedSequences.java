package dev.juxta.llama.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions' KV cells set aside while another session uses their sequence, so that a session that
 * gets a sequence back reads only its new tokens. Restoring 850 tokens of the 134M model takes
 * about 4 ms against 550-610 ms to read them again (docs/decisions/kv-between-sessions.md). At most
 * {@code capacity} are kept, the one set aside longest ago dropped first.
 *
 * <p>Decode thread only. Each entry's native copy is freed when it is taken back or dropped.
 */
final class SavedSequences {
    /** A sequence's cells (native memory) and what {@link Sequence} knew of them. */
    record Saved(long cells, int[] tokens, int pending, String text) {
    }

    private final int capacity;
    private final Map<Long, Saved> bySession = new LinkedHashMap<>();

    SavedSequences(int capacity) {
        this.capacity = capacity;
    }

    void put(long session, Saved saved) {
        free(bySession.remove(session));
        bySession.put(session, saved);
        Iterator<Saved> oldest = bySession.values().iterator();
        while (bySession.size() > capacity) {
            free(oldest.next());
            oldest.remove();
        }
    }

    /** The session's saved cells, now the caller's to free; null when none are kept. */
    Saved take(long session) {
        return bySession.remove(session);
    }

    static void free(Saved saved) {
        if (saved != null) {
            LlamaNative.freeSaved(saved.cells());
        }
    }
}
