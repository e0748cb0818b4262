package dev.juxta.app.selftest;

/** Headless self-test of an installed Juxta (in progress). */
public final class SelfTest {
    private SelfTest() {}

    public static int run(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
