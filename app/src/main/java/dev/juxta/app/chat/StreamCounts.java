package dev.juxta.app.chat;

/**
 * What a pane's streams delivered and what the pane showed, counted since the pane was made. Once a
 * turn has ended, equal received and shown counts mean nothing was lost or shown twice; deltas per
 * flush say how much the frames coalesced.
 */
public record StreamCounts(long deltasReceived, long deltasShown, long charsReceived, long charsShown, long flushes) {
}
