package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComparisonMarkdownTest {
    private final String md = ComparisonMarkdown.write(ExportSamples.comparison());

    @Test
    void theCardTableHasAColumnPerPaneAndEveryFact() {
        assertTrue(md.startsWith("# Once upon a time 🚀\n"), md);
        assertTrue(md.contains("|  | Chat 1 | Chat 2 |\n|---|---|---|\n"), md);
        assertTrue(md.contains("| Model file | tïny 🦙.gguf | no model |"), md);
        assertTrue(md.contains("| SHA-256 | `" + ExportSamples.SHA + "` | no model |"), md);
        assertTrue(md.contains("| Size | 1,234,567 bytes |"), md);
        assertTrue(md.contains("| llama.cpp | v0.5.0 |"), md);
        assertTrue(md.contains("| Threads | 2 |"), md);
        assertTrue(md.contains("| Context | 2048 tokens |"), md);
        assertTrue(md.contains("| Reproducible decoding | yes |"), md);
        assertTrue(md.contains("| Temperature | 0.7 | 0.8 |"), md);
        assertTrue(md.contains("| Seed | 42 | random (each turn's seed is below) |"), md);
        assertTrue(md.contains("**Chat 1**\n\n```jinja\n" + ExportSamples.TEMPLATE + "\n```\n"), md);
    }

    @Test
    void eachAnswerComesWithItsFigures() {
        assertTrue(md.contains("### Turn 1\n\n#### Chat 1\n\n> Once upon a time 🚀\n> second line | pipe\n"), md);
        assertTrue(md.contains("````text\nthere was a ```fenced``` dog 日本語.\n````\n"), "a longer fence than the answer's: " + md);
        assertTrue(md.contains("*24 tokens · 310.3 tok/s · first token 12 ms · prompt 31 tokens · end of text · seed 42*"), md);
        assertTrue(md.contains("*No answer.*\n\n*0 tokens · 0.0 tok/s · first token - · prompt 40 tokens · cancelled · seed 1234567*"), md);
        assertTrue(md.contains("*seed 7 · no figures (the answer did not end)*"), md);
        assertEquals(3, md.split("\n### Turn ", -1).length - 1, "three turns");
    }
}
