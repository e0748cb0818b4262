package dev.juxta.app.history;

import dev.juxta.app.chat.AnswerFigures;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.llama.SessionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown export of a comparison, for people: the reproducibility cards side by side in one
 * table (a column per pane), the chat templates, then the conversation turn by turn with each
 * pane's answer and its figures. Answers go in fenced blocks, so that what a model wrote is shown
 * as it wrote it and cannot break the document.
 */
public final class ComparisonMarkdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private ComparisonMarkdown() {
    }

    public static String write(ExportedComparison comparison) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(comparison.title())).append("\n\n");
        md.append("Exported ").append(comparison.exportedAt()).append(" by Juxta ").append(comparison.appVersion())
                .append(" · comparison `").append(comparison.id()).append("`\n\n");
        md.append("## Reproducibility\n\n");
        cardTable(md, comparison.panes());
        chatTemplates(md, comparison.panes());
        md.append("## Conversation\n");
        conversation(md, comparison.panes());
        return md.toString();
    }

    private static void cardTable(StringBuilder md, List<ExportedPane> panes) {
        row(md, "", panes, p -> inline(p.pane().name()));
        md.append("|---".repeat(panes.size() + 1)).append("|\n");
        row(md, "Model file", panes, card(c -> inline(c.fileName())));
        row(md, "Size", panes, card(c -> String.format(Locale.ROOT, "%,d bytes", c.sizeBytes())));
        row(md, "SHA-256", panes, card(c -> "`" + c.sha256() + "`"));
        row(md, "Model", panes, card(c -> inline(c.modelName()) + " (" + inline(c.architecture()) + ")"));
        row(md, "Quantization", panes, card(c -> inline(c.quantization())));
        row(md, "Chat template", panes, card(c -> c.chatTemplate() == null ? "none (plain continuation)" : "below"));
        row(md, "llama.cpp", panes, card(c -> inline(c.llamaCppVersion())));
        row(md, "Threads", panes, card(c -> String.valueOf(c.threads())));
        row(md, "Context", panes, card(c -> c.contextLength() + " tokens"));
        row(md, "Reproducible decoding", panes, card(c -> yesNo(c.reproducible())));
        row(md, "System prompt", panes, settings(o -> o.systemPrompt().isEmpty() ? "none" : inline(o.systemPrompt())));
        row(md, "Temperature", panes, settings(o -> number(o.temperature())));
        row(md, "Top-p", panes, settings(o -> number(o.topP())));
        row(md, "Top-k", panes, settings(o -> String.valueOf(o.topK())));
        row(md, "Min-p", panes, settings(o -> number(o.minP())));
        row(md, "Repeat penalty", panes, settings(o -> number(o.repeatPenalty())));
        row(md, "Max tokens", panes, settings(o -> String.valueOf(o.maxTokens())));
        row(md, "Seed", panes, settings(o -> o.seed() == SessionOptions.RANDOM_SEED
                ? "random (each turn's seed is below)" : String.valueOf(o.seed())));
        row(md, "Ignore end of text", panes, settings(o -> yesNo(o.ignoreEndOfText())));
        row(md, "Alternatives per token", panes, settings(o -> String.valueOf(o.alternatives())));
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, List<ExportedPane> panes, Function<ExportedPane, String> cell) {
        md.append("| ").append(label);
        panes.forEach(p -> md.append(" | ").append(cell.apply(p)));
        md.append(" |\n");
    }

    private static Function<ExportedPane, String> card(Function<ReproducibilityCard, String> fact) {
        return p -> p.card() == null ? "no model" : fact.apply(p.card());
    }

    private static Function<ExportedPane, String> settings(Function<SessionOptions, String> setting) {
        return p -> setting.apply(p.pane().options());
    }

    /** Each distinct template once, under the names of the panes that use it. */
    private static void chatTemplates(StringBuilder md, List<ExportedPane> panes) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (ExportedPane pane : panes) {
            if (pane.card() != null && pane.card().chatTemplate() != null) {
                users.computeIfAbsent(pane.card().chatTemplate(), t -> new ArrayList<>()).add(pane.pane().name());
            }
        }
        if (users.isEmpty()) {
            return;
        }
        md.append("## Chat templates\n\n");
        users.forEach((template, names) -> {
            md.append("**").append(inline(String.join(", ", names))).append("**\n\n");
            fenced(md, "jinja", template);
        });
    }

    private static void conversation(StringBuilder md, List<ExportedPane> panes) {
        int turns = panes.stream().mapToInt(p -> p.pane().turns().size()).max().orElse(0);
        if (turns == 0) {
            md.append("\nNo turns yet.\n");
        }
        for (int i = 0; i < turns; i++) {
            md.append("\n### Turn ").append(i + 1).append('\n');
            for (ExportedPane pane : panes) {
                if (i < pane.pane().turns().size()) {
                    turn(md, pane.pane().name(), pane.pane().turns().get(i));
                }
            }
        }
    }

    private static void turn(StringBuilder md, String pane, TurnSnapshot turn) {
        md.append("\n#### ").append(inline(pane)).append("\n\n");
        turn.prompt().lines().forEach(line -> md.append("> ").append(line).append('\n'));
        md.append('\n');
        if (turn.answer().isEmpty()) {
            md.append("*No answer.*\n\n");
        } else {
            fenced(md, "text", turn.answer());
        }
        md.append('*').append(figures(turn)).append("*\n");
    }

    /** "24 tokens · 310.2 tok/s · first token 12 ms · prompt 31 tokens · end of text · seed 42". */
    static String figures(TurnSnapshot turn) {
        AnswerFigures f = turn.figures();
        if (f == null) {
            return "seed " + turn.seed() + " · no figures (the answer did not end)";
        }
        String ending = f.stopReason() == null ? "done" : f.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return String.format(Locale.ROOT, "%d tokens · %.1f tok/s · first token %s · prompt %d tokens · %s · seed %d",
                f.tokens(), f.tokensPerSecond(), f.timeToFirstTokenMillis() < 0 ? "-" : f.timeToFirstTokenMillis() + " ms",
                f.promptTokens(), ending, turn.seed());
    }

    /** A fence longer than any run of backticks in the text, so the text cannot close it. */
    private static void fenced(StringBuilder md, String language, String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        md.append(fence).append(language).append('\n').append(text);
        if (!text.endsWith("\n")) {
            md.append('\n');
        }
        md.append(fence).append("\n\n");
    }

    /** Text for a heading or a table cell: on one line, with the table's separator escaped. */
    private static String inline(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace("|", "\\|");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
