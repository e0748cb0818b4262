package dev.juxta.app.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each of an answer's tokens lies in the answer's text. Tokens carry their own text, but a
 * token holding part of a multibyte character shows U+FFFD, so lengths alone would drift: clean
 * tokens are matched against the answer, and a run of tokens with U+FFFD covers the multibyte
 * characters up to where the next clean token matches; the run becomes one span with its first
 * token's choice.
 * A fork's given start has no tokens, so when the tokens do not start the answer they are aligned
 * from its end instead (once the answer is finished: while streaming the text can lag its tokens).
 */
public final class TokenSpans {
    private static final char REPLACEMENT = '\uFFFD';

    /** Token {@code token} (or the run of partial-character tokens it starts) and the answer's text it stands for, [start, end). */
    public record TokenSpan(int start, int end, int token) {
        public String text(String answer) {
            return answer.substring(start, end);
        }
    }

    private TokenSpans() {
    }

    /** The spans of tokens with these texts, or empty when they cannot be placed in the answer (or there are none). */
    public static Optional<List<TokenSpan>> align(String answer, List<String> texts, boolean finished) {
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<Run>> forward = walk(answer, texts).filter(runs -> !finished || runs.getLast().end == answer.length());
        if (forward.isPresent()) {
            return forward.map(TokenSpans::spans);
        }
        if (!finished) {
            return Optional.empty();
        }
        int length = answer.length();
        int count = texts.size();
        return walk(reverse(answer), texts.reversed().stream().map(TokenSpans::reverse).toList())
                .filter(runs -> runs.getLast().toToken == count)
                .map(runs -> runs.reversed().stream()
                        .map(r -> new Run(length - r.end, length - r.start, count - r.toToken, count - r.fromToken)).toList())
                .map(TokenSpans::spans);
    }

    /** Text [start, end) that tokens [fromToken, toToken) stand for. */
    private record Run(int start, int end, int fromToken, int toToken) {
    }

    /** Runs from the text's start; the tokens may run past the text (still streaming). */
    private static Optional<List<Run>> walk(String text, List<String> tokens) {
        List<Run> runs = new ArrayList<>();
        int at = 0;
        int i = 0;
        while (i < tokens.size() && at < text.length()) {
            int first = i;
            String token = tokens.get(i);
            int end;
            if (token.indexOf(REPLACEMENT) < 0) {
                if (!text.startsWith(token, at)) {
                    return Optional.empty();
                }
                end = at + token.length();
                i++;
            } else {
                while (i < tokens.size() && tokens.get(i).indexOf(REPLACEMENT) >= 0) {
                    i++;
                }
                int furthest = multibyteRunEnd(text, at, tokens.subList(first, i));
                end = i < tokens.size() ? text.indexOf(tokens.get(i), at + 1) : furthest;
                if (end <= at || end > furthest) {
                    return Optional.empty();
                }
            }
            runs.add(new Run(at, end, first, i));
            at = end;
        }
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs);
    }

    /**
     * The furthest a run of partial-character tokens can reach: over the non-ASCII characters from
     * {@code at}, at most one per U+FFFD in the run (each stands for at least one byte of a
     * character). With no clean token after the run, that is where it ends; a fork's given start
     * that ends in such characters could lend it some of them, a rare case that misplaces one run.
     */
    private static int multibyteRunEnd(String text, int at, List<String> run) {
        long most = run.stream().mapToLong(t -> t.chars().filter(c -> c == REPLACEMENT).count()).sum();
        int end = at;
        for (int taken = 0; taken < most && end < text.length() && text.codePointAt(end) > 0x7F; taken++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return end;
    }

    private static List<TokenSpan> spans(List<Run> runs) {
        return runs.stream().map(r -> new TokenSpan(r.start, r.end, r.fromToken)).toList();
    }

    private static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }
}
