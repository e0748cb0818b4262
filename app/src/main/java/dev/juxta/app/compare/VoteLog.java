package dev.juxta.app.compare;

import java.util.ArrayList;
import java.util.List;

/** Where blind votes are kept. Implementations are safe from any thread. */
public interface VoteLog {
    void add(Vote vote);

    /** Every vote, oldest first. */
    List<Vote> all();

    /** A log that lasts as long as the app runs. */
    static VoteLog inMemory() {
        return new VoteLog() {
            private final List<Vote> votes = new ArrayList<>();

            @Override
            public synchronized void add(Vote vote) {
                votes.add(vote);
            }

            @Override
            public synchronized List<Vote> all() {
                return List.copyOf(votes);
            }
        };
    }
}
