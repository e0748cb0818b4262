package dev.juxta.app.compare;

/** Where a blind session stands; the blind window's controls bind to it. */
public enum BlindPhase {
    /** Which two panes to compare (only asked when the workspace has more than two). */
    CHOOSING,
    /** The round's two panes are getting their model. */
    LOADING,
    /** Waiting for the prompt. */
    ASKING,
    /** At least one side is still answering. */
    ANSWERING,
    /** Both answers have ended: the vote is open. */
    VOTING,
    /** Voted: the sides' configurations are shown. */
    REVEALED,
    CLOSED
}
