package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.TurnModel;
import dev.juxta.app.common.FramePulse;
import dev.juxta.app.compare.TokenSpans.TokenSpan;
import dev.juxta.app.compare.WordDiff.Segment;
import dev.juxta.llama.TokenChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The compare panel: the word diff of two panes' latest answers, where they first diverge, and
 * their tokens. Works only while shown; then any change to either answer schedules one update on
 * the next frame pulse, so two fast streams cost at most one diff a frame, and none while idle.
 */
public final class DiffViewModel {
    /** Makes a new pane from {@code pane}'s conversation up to turn {@code turn}, whose answer continues {@code answerPrefix}. */
    @FunctionalInterface
    public interface Fork {
        void at(ChatViewModel pane, int turn, String answerPrefix);
    }

    /** A token the model could have chosen instead, with the probability it gave it. */
    public record Choice(String text, float probability) {
    }

    /** An answer's token: the text [start, end) it stands for, its probability and the likeliest alternatives. */
    public record Token(int start, int end, float probability, List<Choice> alternatives) {
    }

    /** One compared answer: whose, which turn, its text and tokens, and the part marked as the divergence [markStart, markEnd). */
    public record ComparedAnswer(ChatViewModel pane, int turn, String text, List<Token> tokens, int markStart, int markEnd) {
        static final ComparedAnswer NONE = new ComparedAnswer(null, -1, "", List.of(), 0, 0);

        ComparedAnswer marked(int start, int end) {
            return new ComparedAnswer(pane, turn, text, tokens, start, end);
        }
    }

    /** What the panel shows. {@code divergence} is null while the answers agree or differ in prompt. */
    public record Comparison(List<Segment> words, ComparedAnswer left, ComparedAnswer right, Divergence divergence, String summary) {
        static final Comparison EMPTY = new Comparison(List.of(), ComparedAnswer.NONE, ComparedAnswer.NONE, null, "");
    }

    /** What a comparison was made from; a frame with the same one has nothing new to show. */
    private record Seen(TurnModel left, int leftLength, int leftTokens, boolean leftDone,
                        TurnModel right, int rightLength, int rightTokens, boolean rightDone) {
    }

    private final ObservableList<ChatViewModel> panes;
    private final FramePulse pulse;
    private final Fork fork;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final ObjectProperty<ChatViewModel> left = new SimpleObjectProperty<>(this, "left");
    private final ObjectProperty<ChatViewModel> right = new SimpleObjectProperty<>(this, "right");
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison", Comparison.EMPTY);
    private final Runnable flusher = this::update;
    private final InvalidationListener onChange = o -> schedule();
    private final List<Observable> watched = new ArrayList<>();
    private boolean scheduled;
    private Seen seen;

    public DiffViewModel(ObservableList<ChatViewModel> panes, FramePulse pulse, Fork fork) {
        this.panes = panes;
        this.pulse = pulse;
        this.fork = fork;
        panes.addListener((ListChangeListener<ChatViewModel>) change -> pickDefaults());
        pickDefaults();
        left.addListener(onChange);
        right.addListener(onChange);
        shown.addListener((obs, was, now) -> {
            if (now) {
                schedule();
            } else {
                unwatch();
            }
        });
    }

    /** Shows or hides the panel. */
    public void toggle() {
        shown.set(!shown.get());
    }

    /** A closed pane's place goes to the first pane not already compared. */
    private void pickDefaults() {
        if (!panes.contains(left.get())) {
            left.set(panes.stream().filter(p -> p != right.get()).findFirst().orElse(null));
        }
        if (!panes.contains(right.get())) {
            right.set(panes.stream().filter(p -> p != left.get()).findFirst().orElse(null));
        }
    }

    private void schedule() {
        if (shown.get() && !scheduled) {
            scheduled = true;
            pulse.subscribe(flusher);
        }
    }

    private void update() {
        pulse.unsubscribe(flusher);
        scheduled = false;
        if (!shown.get()) {
            return;
        }
        watch(); // the latest turns may be new ones
        TurnModel a = latest(left.get());
        TurnModel b = latest(right.get());
        Seen now = new Seen(a, length(a), tokens(a), done(a), b, length(b), tokens(b), done(b));
        if (!now.equals(seen)) {
            seen = now;
            comparison.set(compare(a, b));
        }
    }

    private void watch() {
        unwatch();
        for (ChatViewModel pane : List.of(left, right).stream().map(ObjectProperty::get).filter(Objects::nonNull).toList()) {
            watched.add(pane.turns());
            TurnModel turn = latest(pane);
            if (turn != null) {
                watched.addAll(List.of(turn.openBlockProperty(), turn.blocks(), turn.tokens(), turn.finishedProperty()));
            }
        }
        watched.forEach(o -> o.addListener(onChange));
    }

    private void unwatch() {
        watched.forEach(o -> o.removeListener(onChange));
        watched.clear();
    }

    private Comparison compare(TurnModel a, TurnModel b) {
        if (a == null || b == null) {
            return new Comparison(List.of(), answer(left.get(), a, spans(a)), answer(right.get(), b, spans(b)), null,
                    "Send a prompt to both panes to compare their answers.");
        }
        List<TokenSpan> leftSpans = spans(a);
        List<TokenSpan> rightSpans = spans(b);
        ComparedAnswer l = answer(left.get(), a, leftSpans);
        ComparedAnswer r = answer(right.get(), b, rightSpans);
        List<Segment> words = WordDiff.of(l.text(), r.text());
        if (!a.prompt().equals(b.prompt())) {
            return new Comparison(words, l, r, null, "Different prompts: the answers are compared word by word only.");
        }
        Optional<Divergence> found = Divergence.between(
                new Divergence.Answer(l.text(), leftSpans, done(a)), new Divergence.Answer(r.text(), rightSpans, done(b)), words);
        if (found.isEmpty()) {
            boolean identical = done(a) && done(b) && l.text().equals(r.text());
            return new Comparison(words, l, r, null, identical ? "Identical answers." : "The same so far.");
        }
        Divergence d = found.get();
        return new Comparison(words, l.marked(d.leftStart(), d.leftEnd()), r.marked(d.rightStart(), d.rightEnd()),
                d, summary(d, l.text(), r.text()));
    }

    private static String summary(Divergence d, String leftText, String rightText) {
        return "First difference" + (d.byTokens() ? " (by tokens)" : " (by words)") + ": “"
                + leftText.substring(d.leftStart(), d.leftEnd()) + "” against “" + rightText.substring(d.rightStart(), d.rightEnd()) + "”";
    }

    private static List<TokenSpan> spans(TurnModel turn) {
        if (turn == null) {
            return List.of();
        }
        List<String> texts = turn.tokens().stream().map(TokenChoice::text).toList();
        return TokenSpans.align(turn.answer(), texts, done(turn)).orElse(List.of());
    }

    private static ComparedAnswer answer(ChatViewModel pane, TurnModel turn, List<TokenSpan> spans) {
        if (turn == null) {
            return new ComparedAnswer(pane, -1, "", List.of(), 0, 0);
        }
        List<Token> tokens = spans.stream().map(span -> token(span, turn.tokens().get(span.token()))).toList();
        return new ComparedAnswer(pane, pane.turns().size() - 1, turn.answer(), tokens, 0, 0);
    }

    private static Token token(TokenSpan span, TokenChoice choice) {
        return new Token(span.start(), span.end(), choice.probability(),
                choice.alternatives().stream().map(a -> new Choice(a.text(), a.probability())).toList());
    }

    /**
     * Forks the answer at {@code token}: a new pane whose answer is this one's text before the token
     * followed by {@code alternative}, streaming on from there.
     */
    public void forkAt(ComparedAnswer answer, Token token, String alternative) {
        fork.at(answer.pane(), answer.turn(), answer.text().substring(0, token.start()) + alternative);
    }

    /** An alternative that is part of a character cannot start a fork: its text is not the model's. */
    public static boolean canFork(String alternative) {
        return alternative.indexOf('\uFFFD') < 0;
    }

    private static TurnModel latest(ChatViewModel pane) {
        return pane == null || pane.turns().isEmpty() ? null : pane.turns().getLast();
    }

    private static int length(TurnModel turn) {
        return turn == null ? -1 : turn.answer().length();
    }

    private static int tokens(TurnModel turn) {
        return turn == null ? -1 : turn.tokens().size();
    }

    private static boolean done(TurnModel turn) {
        return turn != null && turn.finishedProperty().get();
    }

    public ObservableList<ChatViewModel> panes() {
        return panes;
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public ObjectProperty<ChatViewModel> leftProperty() {
        return left;
    }

    public ObjectProperty<ChatViewModel> rightProperty() {
        return right;
    }

    public ReadOnlyObjectProperty<Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }
}
