package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import java.util.List;

/** The messages of the bridge-engine protocol; {@link MessageCodec} turns them into frame payloads. */
public sealed interface Message {

    // Bridge -> engine.

    /** Render {@code turns} + {@code prompt} and stream the answer on {@code slot}. */
    record Generate(int id, int slot, SessionOptions options, List<ChatTurn> turns, String prompt) implements Message {
    }

    record Cancel(int id) implements Message {
    }

    /** The session whose transcript {@code slot} holds has closed or reset: priming the slot would be wasted. */
    record Forget(int slot) implements Message {
    }

    // Engine -> bridge.

    record Ready(int slots, int contextPerSlot, int threads) implements Message {
    }

    record LoadFailed(String message) implements Message {
    }

    /** The prompt was rendered and queued; {@code turnsDropped} oldest turns did not fit. */
    record Started(int id, int promptTokens, int cachedTokens, int turnsDropped) implements Message {
    }

    record Delta(int id, String text) implements Message {
    }

    record Done(int id, StopReason reason, int generatedTokens) implements Message {
    }

    record Failed(int id, String message) implements Message {
    }
}
