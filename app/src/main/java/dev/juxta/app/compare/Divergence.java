package dev.juxta.app.compare;

import dev.juxta.app.compare.TokenSpans.TokenSpan;
import dev.juxta.app.compare.WordDiff.Kind;
import dev.juxta.app.compare.WordDiff.Segment;
import java.util.List;
import java.util.Optional;

/**
 * Where two answers to the same prompt first differ: text [leftStart, leftEnd) of the left answer
 * against [rightStart, rightEnd) of the right one (an empty range where one side has nothing there).
 *
 * @param byTokens found by the engine's tokens (both answers have them from their start); else by words
 */
public record Divergence(int leftStart, int leftEnd, int rightStart, int rightEnd, boolean byTokens) {

    /** An answer as compared: its text, its token spans if they start at its beginning (else empty), whether it ended. */
    public record Answer(String text, List<TokenSpan> spans, boolean finished) {
        boolean tokensFromStart() {
            return !spans.isEmpty() && spans.getFirst().start() == 0;
        }
    }

    /**
     * The first difference, by tokens when both answers have them, else by {@code words} (their word
     * diff). Empty while the answers agree so far, or when what differs is only a streaming answer's
     * unfinished end.
     */
    public static Optional<Divergence> between(Answer left, Answer right, List<Segment> words) {
        return left.tokensFromStart() && right.tokensFromStart() ? byTokens(left, right) : byWords(left, right, words);
    }

    private static Optional<Divergence> byTokens(Answer left, Answer right) {
        int common = Math.min(left.spans().size(), right.spans().size());
        for (int k = 0; k < common; k++) {
            TokenSpan a = left.spans().get(k);
            TokenSpan b = right.spans().get(k);
            if (!a.text(left.text()).equals(b.text(right.text()))) {
                return Optional.of(new Divergence(a.start(), a.end(), b.start(), b.end(), true));
            }
        }
        int leftAt = common == 0 ? 0 : left.spans().get(common - 1).end();
        int rightAt = common == 0 ? 0 : right.spans().get(common - 1).end();
        boolean oneStoppedEarlier = left.finished() && right.finished()
                && (leftAt < left.text().length() || rightAt < right.text().length());
        return oneStoppedEarlier
                ? Optional.of(new Divergence(leftAt, left.text().length(), rightAt, right.text().length(), true))
                : Optional.empty();
    }

    private static Optional<Divergence> byWords(Answer left, Answer right, List<Segment> words) {
        int leftAt = 0;
        int rightAt = 0;
        for (int k = 0; k < words.size(); k++) {
            Segment segment = words.get(k);
            if (segment.kind() == Kind.EQUAL) {
                leftAt += segment.text().length();
                rightAt += segment.text().length();
                continue;
            }
            int leftEnd = leftAt + lengthOf(words, k, Kind.DELETED);
            int rightEnd = rightAt + lengthOf(words, k, Kind.INSERTED);
            boolean settled = (left.finished() || leftEnd < left.text().length())
                    && (right.finished() || rightEnd < right.text().length());
            return settled ? Optional.of(new Divergence(leftAt, leftEnd, rightAt, rightEnd, false)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The length of the {@code kind} segment among the change starting at {@code k} (a deletion, an insertion, or both). */
    private static int lengthOf(List<Segment> words, int k, Kind kind) {
        for (int i = k; i < words.size() && words.get(i).kind() != Kind.EQUAL; i++) {
            if (words.get(i).kind() == kind) {
                return words.get(i).text().length();
            }
        }
        return 0;
    }
}
