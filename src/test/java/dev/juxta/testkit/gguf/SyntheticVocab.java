package dev.juxta.testkit.gguf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A made-up SentencePiece-style ("llama") vocabulary of any size: {@code <unk>}, {@code <s>},
 * {@code </s>}, the 256 byte-fallback tokens, unique printable pieces (letters, syllables, and
 * word-initial pieces with "▁"), then any extra control tokens a chat template needs.
 */
public final class SyntheticVocab {
    static final String SPACE = "\u2581";
    /** llama_token_type values. */
    static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;

    final List<String> tokens;
    final List<Float> scores;
    final List<Integer> types;

    public SyntheticVocab(int size) {
        this(size, List.of());
    }

    /**
     * A vocabulary ending in the control tokens {@code controls}: llama.cpp tokenizes the text of a
     * control token in the vocabulary (such as ChatML's "<|im_start|>") as that one token, where
     * without it the text would become several ordinary pieces.
     */
    SyntheticVocab(int size, List<String> controls) {
        int minimum = 3 + 256 + 1 + controls.size();
        if (size < minimum) {
            throw new IllegalArgumentException("vocabulary needs at least " + minimum + " tokens, was " + size);
        }
        int pieceEnd = size - controls.size();
        tokens = new ArrayList<>(size);
        scores = new ArrayList<>(size);
        types = new ArrayList<>(size);
        add("<unk>", 0f, UNKNOWN);
        add("<s>", 0f, CONTROL);
        add("</s>", 0f, CONTROL);
        for (int b = 0; b < 256; b++) {
            add(String.format("<0x%02X>", b), 0f, BYTE);
        }
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add(SPACE);
        String letters = "abcdefghijklmnopqrstuvwxyz";
        String chars = letters + letters.toUpperCase() + "0123456789.,!?;:'\"-()";
        for (char c : chars.toCharArray()) {
            pieces.add(String.valueOf(c));
            pieces.add(SPACE + c);
        }
        String consonants = "bcdfghjklmnprstvwyz";
        String vowels = "aeiou";
        outer:
        for (int len = 2; ; len++) {
            for (String syl : syllables(consonants, vowels, len)) {
                pieces.add(syl);
                pieces.add(SPACE + syl);
                if (pieces.size() >= pieceEnd - tokens.size()) {
                    break outer;
                }
            }
        }
        int i = 0;
        for (String p : pieces) {
            if (tokens.size() == pieceEnd) {
                break;
            }
            add(p, -(float) i++, NORMAL);
        }
        for (String c : controls) {
            add(c, 0f, CONTROL);
        }
    }

    /** The tokens in id order. */
    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    /** The id of {@code token}, or -1. */
    int id(String token) {
        return tokens.indexOf(token);
    }

    /** Strings of {@code len} letters alternating consonant and vowel. */
    private static List<String> syllables(String consonants, String vowels, int len) {
        List<String> out = new ArrayList<>();
        out.add("");
        for (int pos = 0; pos < len; pos++) {
            String alphabet = pos % 2 == 0 ? consonants : vowels;
            List<String> next = new ArrayList<>(out.size() * alphabet.length());
            for (String prefix : out) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            out = next;
        }
        return out;
    }

    private void add(String token, float score, int type) {
        tokens.add(token);
        scores.add(score);
        types.add(type);
    }
}
