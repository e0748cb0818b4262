package dev.juxta.llama;

/**
 * One exchange of a session's transcript.
 *
 * @param user      what was sent
 * @param assistant the answer as streamed (possibly cut short by cancel or an error)
 */
public record ChatTurn(String user, String assistant) {
}
