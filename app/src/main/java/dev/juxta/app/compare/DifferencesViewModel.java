package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.chat.SettingsViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What differs between the panes: model file, quantization and every sampling setting, as the user
 * typed it. Settings that differ are rows with each pane's value; the ones that agree fold into one
 * line. Follows panes coming and going, models attached and settings typed.
 */
public final class DifferencesViewModel {
    private static final int SHOWN_PROMPT_LENGTH = 40;
    private static final List<Setting> SETTINGS = List.of(
            new Setting("model file", pane -> pane.modelProperty().map(ModelRef::fileName).orElse("none")),
            new Setting("quantization", pane -> pane.modelProperty().map(ModelRef::quantization).orElse("none")),
            new Setting("system prompt", pane -> pane.settings().systemPromptProperty().map(DifferencesViewModel::shortPrompt).orElse("none")),
            typed("temperature", SettingsViewModel::temperatureProperty),
            typed("top-p", SettingsViewModel::topPProperty),
            typed("top-k", SettingsViewModel::topKProperty),
            typed("min-p", SettingsViewModel::minPProperty),
            typed("repeat penalty", SettingsViewModel::repeatPenaltyProperty),
            typed("max tokens", SettingsViewModel::maxTokensProperty),
            typed("seed", SettingsViewModel::seedProperty));

    /** One pane's value of a setting; {@code differs} when it is not the value most panes have. */
    public record Cell(String value, boolean differs) {
    }

    public record Row(String setting, List<Cell> cells) {
    }

    /** The panes' names, the settings that differ, and the line of those that do not ("" when none). */
    public record Differences(List<String> panes, List<Row> rows, String same) {
    }

    private record Setting(String name, Function<ChatViewModel, ObservableValue<String>> value) {
    }

    private final ObservableList<ChatViewModel> panes;
    private final ReadOnlyObjectWrapper<Differences> differences = new ReadOnlyObjectWrapper<>(this, "differences");
    private final InvalidationListener recompute = o -> recompute();
    /** Each pane's observed values, kept so that a closed pane's listeners go with it. */
    private final Map<ChatViewModel, List<ObservableValue<String>>> watched = new HashMap<>();

    public DifferencesViewModel(ObservableList<ChatViewModel> panes) {
        this.panes = panes;
        panes.addListener((ListChangeListener<ChatViewModel>) change -> watchPanes());
        watchPanes();
    }

    private static Setting typed(String name, Function<SettingsViewModel, ObservableValue<String>> field) {
        return new Setting(name, pane -> field.apply(pane.settings()).map(String::strip).orElse(""));
    }

    private static String shortPrompt(String prompt) {
        String line = prompt.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "none";
        }
        return line.length() <= SHOWN_PROMPT_LENGTH ? "“" + line + "”" : "“" + line.substring(0, SHOWN_PROMPT_LENGTH) + "…”";
    }

    private void watchPanes() {
        watched.keySet().removeIf(pane -> {
            if (panes.contains(pane)) {
                return false;
            }
            watched.get(pane).forEach(value -> value.removeListener(recompute));
            return true;
        });
        for (ChatViewModel pane : panes) {
            watched.computeIfAbsent(pane, p -> {
                List<ObservableValue<String>> values = SETTINGS.stream().map(s -> s.value().apply(p)).toList();
                values.forEach(value -> value.addListener(recompute));
                return values;
            });
        }
        recompute();
    }

    private void recompute() {
        List<Row> rows = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (int s = 0; s < SETTINGS.size(); s++) {
            int setting = s;
            List<String> values = panes.stream().map(pane -> watched.get(pane).get(setting).getValue()).toList();
            String usual = mostCommon(values);
            if (values.stream().allMatch(usual::equals)) {
                same.add(SETTINGS.get(s).name() + " " + usual);
            } else {
                rows.add(new Row(SETTINGS.get(s).name(), values.stream().map(v -> new Cell(v, !v.equals(usual))).toList()));
            }
        }
        differences.set(new Differences(panes.stream().map(ChatViewModel::name).toList(), List.copyOf(rows),
                same.isEmpty() ? "" : "Same in all panes: " + String.join(" · ", same)));
    }

    /** The value most panes have; on a tie the first pane's, so a changed pane stands out against the first. */
    private static String mostCommon(List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        String best = values.getFirst();
        for (String value : values) {
            if (counts.get(value) > counts.get(best)) {
                best = value;
            }
        }
        return best;
    }

    public ReadOnlyObjectProperty<Differences> differencesProperty() {
        return differences.getReadOnlyProperty();
    }
}
