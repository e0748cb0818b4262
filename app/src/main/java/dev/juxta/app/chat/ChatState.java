package dev.juxta.app.chat;

/** The one state of a chat pane; its buttons and status bind to it. */
public enum ChatState {
    NO_MODEL("no model"),
    LOADING_MODEL("loading model"),
    IDLE("idle"),
    STARTING_ENGINE("starting engine"),
    WAITING_FOR_SLOT("waiting for a slot"),
    READING_PROMPT("reading the prompt"),
    STREAMING("streaming"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    ERROR("error"),
    CLOSED("closed");

    private final String label;

    ChatState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A turn is running: Stop is offered, Send is not. */
    public boolean isBusy() {
        return switch (this) {
            case STARTING_ENGINE, WAITING_FOR_SLOT, READING_PROMPT, STREAMING, STOPPING -> true;
            default -> false;
        };
    }

    /** A new turn may start. */
    public boolean acceptsPrompt() {
        return this == IDLE || this == STOPPED || this == ERROR;
    }

    /** The ways a pane goes: a model comes and goes between turns, a turn runs through phases to its end, closed is final. */
    public boolean canMoveTo(ChatState next) {
        if (next == CLOSED) {
            return this != CLOSED;
        }
        return switch (this) {
            case NO_MODEL, LOADING_MODEL, IDLE, STOPPED, ERROR ->
                    next == NO_MODEL || next == LOADING_MODEL || next == IDLE || acceptsPrompt() && next == READING_PROMPT;
            case STARTING_ENGINE, WAITING_FOR_SLOT, READING_PROMPT, STREAMING -> next.isBusy() || next.endsTurn();
            case STOPPING -> next.endsTurn();
            case CLOSED -> false;
        };
    }

    private boolean endsTurn() {
        return this == IDLE || this == STOPPED || this == ERROR;
    }
}
