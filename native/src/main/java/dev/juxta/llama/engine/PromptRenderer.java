package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.Pair;
import dev.juxta.llama.ChatTurn;
import dev.juxta.llama.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a session's transcript into one prompt: with the model's chat template when it has one
 * (the binding's {@code generate} ignores chat messages, so this is done here), otherwise as plain
 * text to continue.
 */
final class PromptRenderer {
    /** Stands for the next user message, to find where it would start in a rendered prompt. */
    private static final String NEXT_MESSAGE = "juxta-next-message-7f3c";

    private final Binding binding;
    private final boolean chatTemplate;

    PromptRenderer(Binding binding, boolean chatTemplate) {
        this.binding = binding;
        this.chatTemplate = chatTemplate;
    }

    String render(SessionOptions options, List<ChatTurn> turns, String prompt) {
        return chatTemplate ? renderChat(options, turns, prompt) : renderPlain(options, turns, prompt);
    }

    /**
     * The text every next prompt after {@code turns} starts with, however the next message reads:
     * the rendered prompt up to where the next message begins. Null when the template changes the
     * message text so that its start cannot be found.
     */
    String renderNextPrefix(SessionOptions options, List<ChatTurn> turns) {
        String rendered = render(options, turns, NEXT_MESSAGE);
        int at = rendered.indexOf(NEXT_MESSAGE);
        return at < 0 || rendered.indexOf(NEXT_MESSAGE, at + 1) >= 0 ? null : rendered.substring(0, at);
    }

    private String renderChat(SessionOptions options, List<ChatTurn> turns, String prompt) {
        List<Pair<String, String>> messages = new ArrayList<>(turns.size() * 2 + 1);
        for (ChatTurn turn : turns) {
            messages.add(new Pair<>("user", turn.user()));
            messages.add(new Pair<>("assistant", turn.assistant()));
        }
        messages.add(new Pair<>("user", prompt));
        String system = options.systemPrompt().isEmpty() ? null : options.systemPrompt();
        return binding.applyTemplate(new InferenceParameters("").setMessages(system, messages));
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
