package dev.juxta.app.compare;

import java.time.Instant;

/**
 * One blind comparison's verdict.
 *
 * @param configA the configuration shown as A (model and settings, in words)
 * @param configB the configuration shown as B
 * @param verdict what the user chose
 * @param at      when
 */
public record Vote(String configA, String configB, Verdict verdict, Instant at) {

    public enum Verdict { A, B, TIE, BOTH_BAD }
}
