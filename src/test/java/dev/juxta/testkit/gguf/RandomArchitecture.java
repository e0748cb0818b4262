package dev.juxta.testkit.gguf;

import java.util.List;

/**
 * The llama.cpp architectures {@link RandomLlamaModel} writes, and what sets each apart in the file.
 * All three share llama's tensors (RMS norms, separate Q/K/V projections, a SwiGLU feed-forward);
 * llama.cpp picks each one's rotary embedding and layer rules from the name alone.
 */
public enum RandomArchitecture {
    /** llama: a vocabulary that starts every text with BOS, and no chat template. */
    LLAMA("llama", false, false),
    /**
     * qwen3 (added to llama.cpp after b4916): an RMS norm over each head's queries and keys, whose
     * weights {@code blk.N.attn_q_norm.weight} and {@code attn_k_norm.weight} have one value per head
     * dimension; a ChatML chat template.
     */
    QWEN3("qwen3", true, true),
    /**
     * smollm3 (added to llama.cpp after b4916): llama's tensors, but llama.cpp leaves the rotary
     * embedding out of every fourth layer; a ChatML chat template.
     */
    SMOLLM3("smollm3", false, true);

    /**
     * The plain ChatML template. Real Qwen3 and SmolLM3 templates add tool calls and thinking turns,
     * but frame messages with the same tokens, so llama.cpp's prompts have the same shape.
     */
    static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role']"
            + " + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";
    /** The control tokens {@link #CHATML_TEMPLATE} writes; the second one ends a reply. */
    static final List<String> CHATML_TOKENS = List.of("<|im_start|>", "<|im_end|>");

    private final String id;
    private final boolean qkNorm;
    private final boolean chatMl;

    RandomArchitecture(String id, boolean qkNorm, boolean chatMl) {
        this.id = id;
        this.qkNorm = qkNorm;
        this.chatMl = chatMl;
    }

    /** The name stored as {@code general.architecture} and used as the prefix of its metadata keys. */
    public String id() {
        return id;
    }

    /** The architecture whose {@link #id()} is {@code id}. */
    public static RandomArchitecture byId(String id) {
        for (RandomArchitecture a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no random model of architecture '" + id + "'");
    }

    boolean hasQkNorm() {
        return qkNorm;
    }

    boolean usesChatMl() {
        return chatMl;
    }
}
