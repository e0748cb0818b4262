package dev.juxta.app.compare;

import dev.juxta.app.compare.DiffViewModel.Choice;
import dev.juxta.app.compare.DiffViewModel.ComparedAnswer;
import dev.juxta.app.compare.DiffViewModel.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * One compared answer, each token shaded by how likely the model found it (the less likely, the
 * stronger), the divergence outlined. A click on a token lists its alternatives, each of which can
 * start a fork. An answer without tokens (a restored one) shows as plain text.
 */
final class AnswerTokensView extends VBox {
    /** Shade classes from likely to unlikely: below each bound a token gets the next class. */
    private static final double[] BOUNDS = {0.9, 0.7, 0.5, 0.3, 0.1};
    private final DiffViewModel viewModel;
    private final Label title = new Label();
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final ContextMenu choices = new ContextMenu();
    private ComparedAnswer shown = ComparedAnswer.NONE;

    AnswerTokensView(DiffViewModel viewModel, String id) {
        this.viewModel = viewModel;
        getStyleClass().add("answer-tokens");
        title.getStyleClass().add("compare-heading");
        area.setId(id);
        area.getStyleClass().add("compare-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.addEventHandler(MouseEvent.MOUSE_CLICKED, this::showChoices);
        VirtualizedScrollPane<StyleClassedTextArea> scroller = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroller, Priority.ALWAYS);
        getChildren().setAll(title, scroller);
    }

    StyleClassedTextArea area() {
        return area;
    }

    void show(ComparedAnswer answer) {
        shown = answer;
        title.setText(answer.pane() == null ? "" : "Tokens of " + answer.pane().name()
                + (answer.tokens().isEmpty() && !answer.text().isEmpty() ? " (no token figures)" : ""));
        area.replaceText(answer.text());
        area.setStyleSpans(0, styles(answer));
    }

    private static org.fxmisc.richtext.model.StyleSpans<Collection<String>> styles(ComparedAnswer answer) {
        int length = answer.text().length();
        List<String>[] classes = classesPerChar(answer, length);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int start = 0;
        for (int i = 1; i <= length; i++) {
            if (i == length || !classes[i].equals(classes[start])) {
                spans.add(classes[start], i - start);
                start = i;
            }
        }
        if (length == 0) {
            spans.add(List.of(), 0);
        }
        return spans.create();
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] classesPerChar(ComparedAnswer answer, int length) {
        List<String>[] classes = new List[length];
        for (int i = 0; i < length; i++) {
            classes[i] = new ArrayList<>(2);
        }
        for (Token token : answer.tokens()) {
            String shade = shade(token.probability());
            for (int i = token.start(); i < token.end(); i++) {
                classes[i].add(shade);
            }
        }
        for (int i = answer.markStart(); i < Math.min(answer.markEnd(), length); i++) {
            classes[i].add("divergence");
        }
        return classes;
    }

    private static String shade(float probability) {
        int level = 0;
        while (level < BOUNDS.length && probability < BOUNDS[level]) {
            level++;
        }
        return "token-shade-" + level;
    }

    private void showChoices(MouseEvent click) {
        choices.hide();
        Optional<Token> token = tokenAt(area.hit(click.getX(), click.getY()).getCharacterIndex().orElse(-1));
        token.ifPresent(span -> {
            choices.getItems().setAll(items(span));
            choices.show(area, click.getScreenX(), click.getScreenY());
        });
    }

    private Optional<Token> tokenAt(int index) {
        return shown.tokens().stream().filter(s -> s.start() <= index && index < s.end()).findFirst();
    }

    private List<MenuItem> items(Token token) {
        MenuItem chosen = new MenuItem("Chosen: " + quoted(shown.text().substring(token.start(), token.end())) + " " + percent(token.probability()));
        chosen.setDisable(true);
        List<MenuItem> items = new ArrayList<>(List.of(chosen, new SeparatorMenuItem()));
        ComparedAnswer answer = shown;
        for (Choice alternative : token.alternatives()) {
            MenuItem fork = new MenuItem("Fork from here: " + quoted(alternative.text()) + " " + percent(alternative.probability()));
            fork.setDisable(!DiffViewModel.canFork(alternative.text()));
            fork.setOnAction(e -> viewModel.forkAt(answer, token, alternative.text()));
            items.add(fork);
        }
        return items;
    }

    private static String quoted(String token) {
        return "“" + token.replace("\n", "⏎") + "”";
    }

    private static String percent(float probability) {
        return String.format(Locale.ROOT, "%.1f%%", probability * 100);
    }
}
