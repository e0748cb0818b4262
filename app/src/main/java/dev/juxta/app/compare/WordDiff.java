package dev.juxta.app.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * The word diff of two texts: each is cut into words, whitespace runs and single punctuation
 * marks, and java-diff-utils finds the shortest edit between the two lists. A word is letters and
 * digits with their combining marks; an ideograph (CJK, which has no spaces) is a word on its own;
 * joiners and variation selectors stay with what they join, so an emoji sequence is one piece.
 */
public final class WordDiff {
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    public enum Kind { EQUAL, DELETED, INSERTED }

    /** A run of text in both texts (EQUAL), only in the left one (DELETED) or only in the right one (INSERTED). */
    public record Segment(Kind kind, String text) {
    }

    private WordDiff() {
    }

    /** {@code left}'s and {@code right}'s pieces as segments, adjacent pieces of one kind joined; deletions before insertions. */
    public static List<Segment> of(String left, String right) {
        List<String> from = pieces(left);
        List<String> to = pieces(right);
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(from, to).getDeltas()) {
            add(segments, Kind.EQUAL, from.subList(at, delta.getSource().getPosition()));
            add(segments, Kind.DELETED, delta.getSource().getLines());
            add(segments, Kind.INSERTED, delta.getTarget().getLines());
            at = delta.getSource().getPosition() + delta.getSource().size();
        }
        add(segments, Kind.EQUAL, from.subList(at, from.size()));
        return List.copyOf(segments);
    }

    private static void add(List<Segment> segments, Kind kind, List<String> pieces) {
        if (pieces.isEmpty()) {
            return;
        }
        String text = String.join("", pieces);
        if (!segments.isEmpty() && segments.getLast().kind() == kind) {
            text = segments.removeLast().text() + text;
        }
        segments.add(new Segment(kind, text));
    }

    /** The text cut into words, whitespace runs and other single characters; joined they give the text back. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        Piece open = null;
        boolean joined = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Piece piece = Piece.of(cp);
            boolean continues = joined || piece == Piece.ATTACHED && i > 0
                    || open != null && piece == open && (piece == Piece.WORD || piece == Piece.SPACE);
            joined = cp == ZERO_WIDTH_JOINER;
            if (!continues && i > start) {
                pieces.add(text.substring(start, i));
                start = i;
            }
            if (!continues || open == null) {
                open = piece == Piece.ATTACHED ? Piece.OTHER : piece;
            }
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    private enum Piece {
        WORD, SPACE, IDEOGRAPH, ATTACHED, OTHER;

        static Piece of(int cp) {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || cp == ZERO_WIDTH_JOINER
                    || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                return ATTACHED;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return SPACE;
            }
            if (Character.isIdeographic(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA) {
                return IDEOGRAPH;
            }
            return Character.isLetterOrDigit(cp) ? WORD : OTHER;
        }
    }
}
