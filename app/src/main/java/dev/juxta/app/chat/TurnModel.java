package dev.juxta.app.chat;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One exchange as the pane shows it: the user's prompt, the answer as it streams, and its stats line. */
public final class TurnModel {
    private final String prompt;
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper(this, "stats", "");

    TurnModel(String prompt) {
        this.prompt = prompt;
    }

    public String prompt() {
        return prompt;
    }

    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public String answer() {
        return answer.get();
    }

    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    void append(String text) {
        answer.set(answer.get() + text);
    }

    void setStats(String text) {
        stats.set(text);
    }
}
