package dev.juxta.app.compare;

import java.util.List;

/** Where blind votes are kept. Implementations are safe from any thread; they may block on I/O. */
public interface VoteLog {
    void add(Vote vote);

    /** Every vote, oldest first. */
    List<Vote> all();
}
