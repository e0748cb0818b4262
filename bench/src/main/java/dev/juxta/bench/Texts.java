package dev.juxta.bench;

/** Deterministic plain-English prompt text of a chosen length. */
final class Texts {
    private static final String[] SENTENCES = {
        "Once upon a time there was a little girl named Lily who liked to play in the park.",
        "One day she found a shiny red ball under a big green tree near the pond.",
        "Her friend Tom came to see the ball and they played together until the sun went down.",
        "The next morning the dog ran after the ball and brought it back with a happy bark.",
        "Mom made warm soup for lunch and everyone sat at the table and laughed.",
        "In the evening the birds sang a song and the stars came out one by one.",
    };

    private Texts() {
    }

    /** At least {@code chars} characters of text, cut at a word end. */
    static String ofLength(int chars) {
        return ofLength(chars, 0);
    }

    /** The same, starting at sentence {@code first}. */
    static String ofLength(int chars, int first) {
        StringBuilder text = new StringBuilder();
        for (int i = first; text.length() < chars; i++) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(SENTENCES[i % SENTENCES.length]);
        }
        int cut = text.indexOf(" ", chars);
        return cut < 0 ? text.toString() : text.substring(0, cut);
    }
}
