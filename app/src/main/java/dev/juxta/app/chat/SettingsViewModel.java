package dev.juxta.app.chat;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.SessionOptions;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A pane's sampling settings as the user types them. {@link #apply()} turns them into
 * {@link SessionOptions}, whose own checks give the error message for a bad value.
 */
public final class SettingsViewModel {
    private final StringProperty systemPrompt = new SimpleStringProperty(this, "systemPrompt");
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature");
    private final StringProperty topP = new SimpleStringProperty(this, "topP");
    private final StringProperty topK = new SimpleStringProperty(this, "topK");
    private final StringProperty minP = new SimpleStringProperty(this, "minP");
    private final StringProperty repeatPenalty = new SimpleStringProperty(this, "repeatPenalty");
    private final StringProperty maxTokens = new SimpleStringProperty(this, "maxTokens");
    private final StringProperty seed = new SimpleStringProperty(this, "seed");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private SessionOptions applied;

    public SettingsViewModel(SessionOptions initial) {
        show(initial);
    }

    /** Validates the fields; on success they become the pane's options, otherwise {@link #errorProperty()} says why. */
    public boolean apply() {
        try {
            applied = new SessionOptions(systemPrompt.get(),
                    number("temperature", temperature.get()), number("top-p", topP.get()),
                    (int) integer("top-k", topK.get()), number("min-p", minP.get()), number("repeat penalty", repeatPenalty.get()),
                    (int) integer("max tokens", maxTokens.get()), integer("seed", seed.get()), false, applied.alternatives());
            error.set("");
            return true;
        } catch (LlamaException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** The options last applied. */
    public SessionOptions options() {
        return applied;
    }

    /** Puts options into the fields and applies them (used by tests and "Send to all" presets). */
    public void show(SessionOptions options) {
        systemPrompt.set(options.systemPrompt());
        temperature.set(Double.toString(options.temperature()));
        topP.set(Double.toString(options.topP()));
        topK.set(Integer.toString(options.topK()));
        minP.set(Double.toString(options.minP()));
        repeatPenalty.set(Double.toString(options.repeatPenalty()));
        maxTokens.set(Integer.toString(options.maxTokens()));
        seed.set(Long.toString(options.seed()));
        applied = options;
        error.set("");
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new LlamaException(name + " must be a number, was '" + text + "'");
        }
    }

    private static long integer(String name, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new LlamaException(name + " must be a whole number, was '" + text + "'");
        }
    }

    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty topPProperty() {
        return topP;
    }

    public StringProperty topKProperty() {
        return topK;
    }

    public StringProperty minPProperty() {
        return minP;
    }

    public StringProperty repeatPenaltyProperty() {
        return repeatPenalty;
    }

    public StringProperty maxTokensProperty() {
        return maxTokens;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
