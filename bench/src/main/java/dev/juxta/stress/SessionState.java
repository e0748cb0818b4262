package dev.juxta.stress;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.LlamaSession;
import java.util.ArrayList;
import java.util.List;

/** A session and what its transcript must be: the turns the workload saw it record. */
final class SessionState {
    final LlamaSession session;
    final Operation.Route route;
    final List<ChatTurn> shadow = new ArrayList<>();
    boolean mismatch;

    SessionState(LlamaSession session, Operation.Route route) {
        this.session = session;
        this.route = route;
    }
}
