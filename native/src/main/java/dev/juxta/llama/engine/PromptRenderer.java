package dev.juxta.llama.engine;

import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a session's transcript into one prompt: with the model's Jinja chat template when it has
 * one, otherwise as plain text to continue. An answer prefix is the start of the assistant's answer,
 * written after the prompt as if the model had said it, so that the model continues it.
 */
final class PromptRenderer {
    private final LoadedModel model;

    PromptRenderer(LoadedModel model) {
        this.model = model;
    }

    String render(SessionOptions options, List<ChatTurn> turns, String prompt, String answerPrefix) {
        String rendered = model.hasChatTemplate() ? renderChat(options, turns, prompt) : renderPlain(options, turns, prompt);
        return rendered + answerPrefix;
    }

    private String renderChat(SessionOptions options, List<ChatTurn> turns, String prompt) {
        List<String> roles = new ArrayList<>(turns.size() * 2 + 2);
        List<String> contents = new ArrayList<>(turns.size() * 2 + 2);
        if (!options.systemPrompt().isEmpty()) {
            roles.add("system");
            contents.add(options.systemPrompt());
        }
        for (ChatTurn turn : turns) {
            roles.add("user");
            contents.add(turn.user());
            roles.add("assistant");
            contents.add(turn.assistant());
        }
        roles.add("user");
        contents.add(prompt);
        return model.applyTemplate(roles, contents);
    }

    private static String renderPlain(SessionOptions options, List<ChatTurn> turns, String prompt) {
        StringBuilder text = new StringBuilder();
        if (!options.systemPrompt().isEmpty()) {
            text.append(options.systemPrompt()).append('\n');
        }
        for (ChatTurn turn : turns) {
            text.append(turn.user()).append(turn.assistant());
        }
        return text.append(prompt).toString();
    }
}
