package dev.juxta.app.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a blind vote judges: a model file and every sampling setting but the seed (a seed draws one
 * answer; it is not part of how a configuration answers). Votes store its {@link #key()}, the
 * leaderboard groups by it and reads it back.
 *
 * @param modelFile    the model's file name: the same file in another folder is the same model
 * @param modelName    the model's own name
 * @param quantization e.g. "Q8_0"
 */
public record Configuration(String modelFile, String modelName, String quantization, String systemPrompt,
                            double temperature, double topP, int topK, double minP, double repeatPenalty,
                            int maxTokens) {
    private static final int SYSTEM_PROMPT_SHOWN = 24;
    /** Sorted properties: the key stays the same text whatever order the fields are declared in. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    /** Every field as compact JSON: equal configurations give equal keys. */
    public String key() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a configuration of plain values cannot fail to be written", e);
        }
    }

    /** The configuration a vote's key stands for; empty when the key is not one (a vote from elsewhere). */
    public static Optional<Configuration> fromKey(String key) {
        try {
            return Optional.of(JSON.readValue(key, Configuration.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * A short label: the model, its quantization and temperature, then each other setting that
     * differs from {@code usual} (the settings a new pane starts with), e.g.
     * {@code stories260K-chatml Q8_0 · temp 0.2 · sys "Be brief"}.
     */
    public String label(Configuration usual) {
        List<String> parts = new ArrayList<>();
        parts.add(modelName.isBlank() ? modelFile : modelName);
        if (!quantization.isBlank()) {
            parts.set(0, parts.getFirst() + " " + quantization);
        }
        parts.add("temp " + number(temperature));
        if (topP != usual.topP) {
            parts.add("top-p " + number(topP));
        }
        if (topK != usual.topK) {
            parts.add("top-k " + topK);
        }
        if (minP != usual.minP) {
            parts.add("min-p " + number(minP));
        }
        if (repeatPenalty != usual.repeatPenalty) {
            parts.add("repeat " + number(repeatPenalty));
        }
        if (maxTokens != usual.maxTokens) {
            parts.add("max " + maxTokens + " tokens");
        }
        if (!systemPrompt.equals(usual.systemPrompt)) {
            parts.add("sys \"" + shortened(systemPrompt.strip()) + "\"");
        }
        return String.join(" · ", parts);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= SYSTEM_PROMPT_SHOWN ? oneLine : oneLine.substring(0, SYSTEM_PROMPT_SHOWN - 1).strip() + "…";
    }
}
