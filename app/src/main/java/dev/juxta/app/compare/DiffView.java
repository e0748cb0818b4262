package dev.juxta.app.compare;

import dev.juxta.app.chat.ChatViewModel;
import dev.juxta.app.compare.DiffViewModel.Comparison;
import dev.juxta.app.compare.WordDiff.Segment;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The compare panel under the panes: two pane pickers, where their latest answers first differ,
 * the word diff (struck red: only in the left pane; green: only in the right one), and both
 * answers' tokens.
 */
public final class DiffView extends VBox {
    private final DiffViewModel viewModel;
    private final Label summary = new Label();
    private final StyleClassedTextArea words = new StyleClassedTextArea();
    private final AnswerTokensView leftTokens;
    private final AnswerTokensView rightTokens;

    public DiffView(DiffViewModel viewModel) {
        this.viewModel = viewModel;
        setId("diff-panel");
        getStyleClass().add("diff-panel");
        leftTokens = new AnswerTokensView(viewModel, "tokens-left");
        rightTokens = new AnswerTokensView(viewModel, "tokens-right");
        summary.setId("diff-summary");
        summary.getStyleClass().add("diff-summary");
        words.setId("diff-text");
        words.getStyleClass().add("compare-text");
        words.setEditable(false);
        words.setWrapText(true);
        SplitPane columns = new SplitPane(wordColumn(), leftTokens, rightTokens);
        columns.setDividerPositions(0.4, 0.7);
        VBox.setVgrow(columns, Priority.ALWAYS);
        getChildren().setAll(pickers(), columns);
        viewModel.comparisonProperty().subscribe(this::show);
    }

    /** The toolbar's button that shows and hides this panel. */
    public ToggleButton toggleButton() {
        ToggleButton toggle = new ToggleButton("Diff");
        toggle.setId("toggle-diff");
        toggle.setTooltip(new Tooltip("Compare two panes' latest answers word by word and token by token (Ctrl+D)"));
        toggle.selectedProperty().bindBidirectional(viewModel.shownProperty());
        return toggle;
    }

    /** The window's centre: {@code panes} above, this panel below while shown. */
    public Node around(Node panes) {
        SplitPane split = new SplitPane(panes);
        split.setOrientation(Orientation.VERTICAL);
        viewModel.shownProperty().subscribe(shown -> {
            if (shown) {
                split.getItems().add(this);
                split.setDividerPositions(0.6);
            } else {
                split.getItems().remove(this);
            }
        });
        return split;
    }

    private HBox pickers() {
        ComboBox<ChatViewModel> left = picker("diff-left", viewModel.leftProperty());
        ComboBox<ChatViewModel> right = picker("diff-right", viewModel.rightProperty());
        Label with = new Label("with");
        Label compare = new Label("Compare");
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(6, compare, left, with, right, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("diff-pickers");
        return bar;
    }

    private ComboBox<ChatViewModel> picker(String id, javafx.beans.property.ObjectProperty<ChatViewModel> pane) {
        ComboBox<ChatViewModel> box = new ComboBox<>(viewModel.panes());
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(ChatViewModel p) {
                return p == null ? "" : p.name();
            }

            @Override
            public ChatViewModel fromString(String name) {
                return viewModel.panes().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            }
        });
        box.valueProperty().bindBidirectional(pane);
        return box;
    }

    private VBox wordColumn() {
        Label title = new Label("Word diff");
        title.getStyleClass().add("compare-heading");
        VirtualizedScrollPane<StyleClassedTextArea> scroller = new VirtualizedScrollPane<>(words);
        VBox.setVgrow(scroller, Priority.ALWAYS);
        VBox column = new VBox(title, scroller);
        column.getStyleClass().add("word-diff");
        return column;
    }

    private void show(Comparison comparison) {
        summary.setText(comparison.summary());
        words.replaceText(String.join("", comparison.words().stream().map(Segment::text).toList()));
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        spans.add(List.of(), 0);
        comparison.words().forEach(s -> spans.add(List.of("diff-" + s.kind().name().toLowerCase(Locale.ROOT)), s.text().length()));
        words.setStyleSpans(0, spans.create());
        leftTokens.show(comparison.left());
        rightTokens.show(comparison.right());
    }
}
