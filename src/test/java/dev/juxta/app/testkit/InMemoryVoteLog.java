package dev.juxta.app.testkit;

import dev.juxta.app.compare.Vote;
import dev.juxta.app.compare.VoteLog;
import java.util.ArrayList;
import java.util.List;

/** Votes kept for one test. */
public final class InMemoryVoteLog implements VoteLog {
    private final List<Vote> votes = new ArrayList<>();

    @Override
    public synchronized void add(Vote vote) {
        votes.add(vote);
    }

    @Override
    public synchronized List<Vote> all() {
        return List.copyOf(votes);
    }
}
