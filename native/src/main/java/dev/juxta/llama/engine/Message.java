package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StopReason;
import dev.juxta.llama.TokenChoice;
import java.util.List;

/** The messages of the bridge-engine protocol; {@link MessageCodec} turns them into frame payloads. */
public sealed interface Message {

    // Bridge -> engine.

    /**
     * Render {@code turns} + {@code prompt} and stream the answer on sequence {@code slot}, for the
     * bridge's session {@code session} (whose cells the engine keeps while others use the slot).
     */
    record Generate(int id, int slot, long session, SessionOptions options, List<ChatTurn> turns, String prompt,
                    String answerPrefix)
            implements Message {
    }

    record Cancel(int id) implements Message {
    }

    /** The session has closed: what the engine keeps of it (set-aside cells, its sequence's owner) is worthless. */
    record Forget(long session) implements Message {
    }

    // Engine -> bridge.

    record Ready(int slots, int contextPerSlot, int threads) implements Message {
    }

    record LoadFailed(String message) implements Message {
    }

    /** While loading: the fraction of the model loaded, in [0, 1]. */
    record LoadProgress(float fraction) implements Message {
    }

    /** The prompt was rendered and queued; {@code turnsDropped} oldest turns did not fit. */
    record Started(int id, int promptTokens, int cachedTokens, int turnsDropped) implements Message {
    }

    /** Text of whole characters; the tokens that made it when the options ask for alternatives, else empty. */
    record Delta(int id, String text, List<TokenChoice> tokens) implements Message {
    }

    /** The answer ended; the engine decoded {@code promptTokensRead} of the prompt's tokens, the rest it had in cache. */
    record Done(int id, StopReason reason, int generatedTokens, int promptTokensRead) implements Message {
    }

    record Failed(int id, String message) implements Message {
    }
}
