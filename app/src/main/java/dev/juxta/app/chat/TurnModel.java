package dev.juxta.app.chat;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import dev.juxta.llama.TokenChoice;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One exchange as the pane shows it: the user's prompt, the answer as it streams, and its stats
 * line. The answer is kept as finished blocks plus the open block still growing, so that a frame
 * lays out only the open block: re-laying out a whole long answer on every frame paused the FX
 * thread for up to 120 ms with four panes streaming (bench/README.md, FX thread section).
 */
public final class TurnModel {
    /**
     * An open block longer than this is closed at its last sentence end. The text after such a cut
     * starts on a new line until the answer ends, so the limit lets most paragraphs stream whole.
     * A longer open block costs more a change: as wrapped labels (the blocks before they were text
     * flows), 1,000 characters took 0.47 ms against 0.34 ms for 500 (2,000: 0.79 ms).
     */
    static final int MAX_OPEN_BLOCK = 1000;

    private final String prompt;
    private final long seed;
    private final StringBuilder answer = new StringBuilder();
    private final ObservableList<String> blocks = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyBlocks = FXCollections.unmodifiableObservableList(blocks);
    private final ReadOnlyStringWrapper openBlock = new ReadOnlyStringWrapper(this, "openBlock", "");
    private final ReadOnlyBooleanWrapper answered = new ReadOnlyBooleanWrapper(this, "answered", false);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper(this, "stats", "");
    private final ReadOnlyObjectWrapper<AnswerFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private final ObservableList<TokenChoice> tokens = FXCollections.observableArrayList();
    private final ObservableList<TokenChoice> readOnlyTokens = FXCollections.unmodifiableObservableList(tokens);

    TurnModel(String prompt, long seed) {
        this.prompt = prompt;
        this.seed = seed;
    }

    /** A turn of a saved conversation: ended, with its answer and figures. */
    static TurnModel restored(TurnSnapshot saved) {
        TurnModel turn = new TurnModel(saved.prompt(), saved.seed());
        turn.append(saved.answer());
        turn.figures.set(saved.figures());
        turn.finish();
        return turn;
    }

    TurnSnapshot snapshot() {
        return new TurnSnapshot(prompt, answer(), seed, figures.get());
    }

    public String prompt() {
        return prompt;
    }

    /** The sampling seed this answer was drawn with. */
    public long seed() {
        return seed;
    }

    /** The whole answer so far. */
    public String answer() {
        return answer.toString();
    }

    /** The answer's finished blocks (paragraphs, or long paragraphs cut at a sentence end). */
    public ObservableList<String> blocks() {
        return readOnlyBlocks;
    }

    /** The block still growing. */
    public ReadOnlyStringProperty openBlockProperty() {
        return openBlock.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    /** The answer is complete (or stopped, or failed): no more text will come. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The ended answer's figures; null while it streams. */
    public ReadOnlyObjectProperty<AnswerFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /**
     * The answer's tokens with their probabilities and likeliest alternatives, as they came; empty
     * for a restored turn. A fork's given start has no tokens: they cover the text after it.
     */
    public ObservableList<TokenChoice> tokens() {
        return readOnlyTokens;
    }

    void addTokens(List<TokenChoice> more) {
        tokens.addAll(more);
    }

    void setFigures(AnswerFigures ended) {
        figures.set(ended);
    }

    void append(String text) {
        answer.append(text);
        String open = openBlock.get() + text;
        int cut = blockEnd(open);
        if (cut > 0) {
            blocks.add(open.substring(0, cut));
            open = open.substring(Math.min(open.length(), cut + 1));
        }
        openBlock.set(open);
        answered.set(answer.length() > 0);
    }

    /** Where the open block ends: its last line break, or a sentence end once it is long; else 0. */
    private static int blockEnd(String open) {
        int newline = open.lastIndexOf('\n');
        if (newline >= 0) {
            return newline;
        }
        if (open.length() > MAX_OPEN_BLOCK) {
            int sentence = Math.max(open.lastIndexOf(". "), Math.max(open.lastIndexOf("! "), open.lastIndexOf("? ")));
            return sentence > 0 ? sentence + 1 : 0;
        }
        return 0;
    }

    void finish() {
        finished.set(true);
    }

    void setStats(String text) {
        stats.set(text);
    }
}
