package dev.juxta.llama;

import static dev.juxta.testkit.TestModels.greedy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What comparing needs from a session: continue a given answer start, and take over a history. */
class ForkAndEditTest {
    private static LlamaEngine plain;
    private static LlamaEngine chat;

    @BeforeAll
    static void load() {
        plain = LlamaEngine.load(TestModels.stories(), ModelOptions.defaults().withContextLength(512).withMaxSessions(2));
        chat = LlamaEngine.load(TestModels.storiesChatml(), ModelOptions.defaults().withContextLength(512).withMaxSessions(2));
    }

    @AfterAll
    static void unload() {
        plain.close();
        chat.close();
    }

    /** Streams and keeps the tokens too. */
    private static final class TokenStream extends RecordingStream {
        final List<TokenChoice> tokens = new CopyOnWriteArrayList<>();

        @Override
        public void onTokens(List<TokenChoice> more) {
            tokens.addAll(more);
        }
    }

    private static TokenStream stream(LlamaSession session, String prompt, String prefix) {
        TokenStream stream = new TokenStream();
        session.continueAnswer(prompt, prefix, stream);
        assertTrue(stream.events.contains("complete"), "the stream completed: " + stream.events + " " + stream.error);
        return stream;
    }

    @Test
    void anAnswerContinuedFromItsOwnFirstTokensIsTheSameAnswer() {
        for (LlamaEngine engine : List.of(chat, plain)) {
            LlamaSession original = engine.createSession("original", greedy(24).withAlternatives(3));
            TokenStream whole = stream(original, "Once upon a time", "");
            assertTrue(whole.tokens.size() >= 12, "a long enough answer to cut: " + whole.tokens.size());
            String prefix = whole.tokens.subList(0, 8).stream().map(TokenChoice::text).reduce("", String::concat);
            assertTrue(whole.text().startsWith(prefix), "tokens add up to the text");

            LlamaSession fork = engine.createSession("fork", greedy(16).withAlternatives(3));
            TokenStream rest = stream(fork, "Once upon a time", prefix);

            assertFalse(rest.text().startsWith(prefix), "deltas carry only what follows the prefix: " + rest.text());
            assertEquals(whole.text(), prefix + rest.text(), "the model continued the given start as its own");
            assertEquals(List.of(new ChatTurn("Once upon a time", prefix + rest.text())), fork.transcript());
        }
    }

    @Test
    void aForkAtAnotherTokenTakesAnotherWay() {
        LlamaSession original = chat.createSession("original", greedy(24));
        String answer = stream(original, "Tell me a story", "").text();
        String start = answer.substring(0, Math.min(answer.length(), 10));

        LlamaSession fork = chat.createSession("fork", greedy(24));
        String other = stream(fork, "Tell me a story", start + " dragon").text();
        assertFalse(answer.startsWith(start + " dragon"), "the chosen word was not the model's own");
        assertTrue(fork.transcript().getFirst().assistant().startsWith(start + " dragon"));
        assertFalse(other.isEmpty(), "it streams on from the chosen word");
    }

    @Test
    void aSessionGivenAnotherSessionsHistoryAnswersAsThatSessionWould() {
        LlamaSession first = chat.createSession("first", greedy(16));
        stream(first, "Hello", "");
        stream(first, "Tell me about a cat", "");

        LlamaSession reopened = chat.createSession("reopened", greedy(16));
        reopened.replaceTranscript(first.transcript());
        String expected = stream(first, "And a dog?", "").text();
        String actual = stream(reopened, "And a dog?", "").text();

        assertEquals(expected, actual);
        assertEquals(first.lastStats().promptTokens(), reopened.lastStats().promptTokens(), "the same history was rendered");
        assertEquals(first.transcript(), reopened.transcript());
    }

    @Test
    void anEditedHistoryReplacesTheOldOneAndTheSessionRereadsIt() {
        LlamaSession session = chat.createSession("edited", greedy(16));
        stream(session, "Hello", "");
        stream(session, "Tell me about a cat", "");
        int before = session.lastStats().promptTokens();

        session.replaceTranscript(session.transcript().subList(0, 1));
        stream(session, "Tell me about a cat", "");

        assertEquals(before, session.lastStats().promptTokens(), "turn 2 again, after the same first turn");
        assertEquals(2, session.transcript().size());
    }

    @Test
    void theHistoryCannotBeReplacedWhileStreamingOrAfterClose() throws Exception {
        LlamaSession session = plain.createSession("busy", SessionOptions.defaults().withMaxTokens(400).withIgnoreEndOfText(true));
        RecordingStream running = new RecordingStream();
        Thread thread = running.streamInBackground(session, "Once upon a time");
        assertThrows(IllegalStateException.class, () -> session.replaceTranscript(List.of()));
        session.cancel();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        session.close();
        assertThrows(IllegalStateException.class, () -> session.replaceTranscript(List.of()));
    }
}
