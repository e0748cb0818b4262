package dev.juxta.llama;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Leases the engine's slots to streaming sessions. A slot keeps the KV cache of the last session
 * that used it, so a session gets its previous slot back when it is free (its cached prefix is
 * reused); otherwise a free slot whose session has closed, else the least recently used free slot.
 * Closed sessions' slots go first: an open session will want its cache back, a closed one never.
 * (Before the engine turned on flash attention, stale cells also slowed every decode, because
 * llama.cpp attended over all of its slots' shared cells, masked or not.) Among those, a session takes
 * the one whose conversation opened most like its own (same system prompt, same first message),
 * as llama-server picks slots by prompt similarity: llama.cpp then reuses the common prefix.
 */
final class SlotPool {
    private final Object[] holder;
    private final Object[] lastOwner;
    /** How each slot's cached conversation opened: see {@link #acquire}. */
    private final String[] opening;
    private final long[] lastUsed;
    private long clock;

    SlotPool(int slots) {
        holder = new Object[slots];
        lastOwner = new Object[slots];
        opening = new String[slots];
        lastUsed = new long[slots];
    }

    /**
     * Takes a slot for {@code owner}, waiting while all are busy.
     *
     * @param opening   how the owner's conversation opens (its system prompt and first message),
     *                  to match against closed sessions' cached conversations
     * @param onWait    run once, before the first wait
     * @param cancelled checked on every wake-up
     * @return the slot, or -1 when cancelled
     */
    synchronized int acquire(Object owner, String opening, Runnable onWait, BooleanSupplier cancelled)
            throws InterruptedException {
        boolean waited = false;
        while (!cancelled.getAsBoolean()) {
            int slot = pick(owner, opening);
            if (slot >= 0) {
                holder[slot] = owner;
                lastOwner[slot] = owner;
                this.opening[slot] = opening;
                lastUsed[slot] = ++clock;
                return slot;
            }
            if (!waited) {
                waited = true;
                onWait.run();
            }
            wait();
        }
        return -1;
    }

    synchronized void release(int slot) {
        holder[slot] = null;
        notifyAll();
    }

    /** The owner has closed: its slot's cache is worthless, so that slot is the next one handed out. */
    synchronized void forget(Object owner) {
        for (int slot = 0; slot < lastOwner.length; slot++) {
            if (lastOwner[slot] == owner) {
                lastOwner[slot] = null;
                lastUsed[slot] = 0;
            }
        }
    }

    /** Wakes waiting sessions so they can see that they were cancelled. */
    synchronized void wakeAll() {
        notifyAll();
    }

    /** Forgets every slot's cache owner (the engine restarted with empty caches). */
    synchronized void forgetCaches() {
        Arrays.fill(lastOwner, null);
        Arrays.fill(opening, null);
    }

    /** A free slot, or -1; also -1 while the owner's previous (cancelled) request still holds one. */
    private int pick(Object owner, String ownerOpening) {
        int ownCache = -1;
        int leastRecent = -1;
        int closedAlike = -1;
        int alike = 0;
        for (int i = 0; i < holder.length; i++) {
            if (holder[i] == owner) {
                return -1;
            }
            if (holder[i] != null) {
                continue;
            }
            if (lastOwner[i] == owner) {
                ownCache = i;
            } else if (leastRecent < 0 || lastUsed[i] < lastUsed[leastRecent]) {
                leastRecent = i;
            }
            int common = lastOwner[i] == null ? commonPrefix(opening[i], ownerOpening) : 0;
            if (common > alike) {
                alike = common;
                closedAlike = i;
            }
        }
        return ownCache >= 0 ? ownCache : closedAlike >= 0 ? closedAlike : leastRecent;
    }

    private static int commonPrefix(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        int mismatch = Arrays.mismatch(a.toCharArray(), b.toCharArray());
        return mismatch < 0 ? a.length() : mismatch;
    }
}
