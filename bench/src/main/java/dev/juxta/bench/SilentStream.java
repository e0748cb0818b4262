package dev.juxta.bench;

import dev.juxta.llama.GenStream;

/** A stream whose text nobody reads: it keeps only the error, if one came. */
class SilentStream implements GenStream {
    String error;

    @Override
    public void onDelta(String text) {
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void onError(String message) {
        error = message;
    }
}
