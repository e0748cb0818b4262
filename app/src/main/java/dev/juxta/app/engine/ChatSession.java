package dev.juxta.app.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.GenStream;
import dev.juxta.llama.ModelInfo;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.llama.StreamStats;
import java.util.List;

/**
 * What a chat pane needs from a session: the subset of {@link dev.juxta.llama.LlamaSession} it uses,
 * as an interface so ViewModel tests can stream from a fake. Same thread contract as LlamaSession:
 * {@link #stream} blocks and calls back on its own thread; {@link #cancel} and {@link #close} are
 * safe from any thread.
 */
public interface ChatSession extends AutoCloseable {
    String name();

    /** The model this session runs, as its file describes it. */
    ModelInfo model();

    /** The name of the model this session runs, for the pane's header. */
    default String modelName() {
        return model().name();
    }

    /** The model options the engine runs with (threads, context, slots). */
    ModelOptions modelOptions();

    /** Tokens of context each session gets. */
    int contextLength();

    void setOptions(SessionOptions options);

    default void stream(String prompt, GenStream callback) {
        continueAnswer(prompt, "", callback);
    }

    /** See {@link dev.juxta.llama.LlamaSession#continueAnswer}. */
    void continueAnswer(String prompt, String answerPrefix, GenStream callback);

    /** See {@link dev.juxta.llama.LlamaSession#replaceTranscript}. */
    void replaceTranscript(List<ChatTurn> history);

    void cancel();

    void reset();

    /** Ends the session (and its stream); the model is unloaded when no other session uses it. */
    @Override
    void close();

    StreamStats lastStats();

    List<ChatTurn> transcript();
}
