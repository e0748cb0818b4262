package dev.juxta.llama.gguf;

import static java.util.Map.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The model architectures ({@code general.architecture}) that the bundled llama.cpp can load, and
 * which of them Juxta can chat with. The names come from the resource {@code architectures.txt},
 * which {@code native/tools/gen-architectures.sh} generates from llama.cpp's source; the refusals
 * below are classified by hand from that source (src/llama-model.cpp and src/models/).
 */
public final class SupportedArchitectures {
    private static final Listing LISTING = Listing.read("architectures.txt");

    /** The llama.cpp release the architecture names were generated from, e.g. "v0.5.0". */
    public static final String RELEASE = LISTING.release();
    /** Every architecture name the bundled llama.cpp can load. */
    public static final Set<String> ALL = LISTING.names();

    private static final String EMBEDDING =
            "is an embedding model: it turns text into vectors and can't generate text";
    private static final String DIFFUSION = "is a diffusion language model, which writes a whole block by"
            + " repeated denoising instead of one token after another as a chat does";
    private static final String SPEECH = "is a text-to-speech model: it generates audio, not text";
    private static final String DRAFT = "is a draft model for speculative decoding, which only runs beside"
            + " the larger model it was made for";

    /** Architectures that llama.cpp loads but that can't answer in a chat session, and why. */
    private static final Map<String, String> NOT_FOR_CHAT = Map.ofEntries(
            entry("bert", EMBEDDING),
            entry("modern-bert", EMBEDDING),
            entry("nomic-bert", EMBEDDING),
            entry("nomic-bert-moe", EMBEDDING),
            entry("neo-bert", EMBEDDING),
            entry("jina-bert-v2", EMBEDDING),
            entry("jina-bert-v3", EMBEDDING),
            entry("eurobert", EMBEDDING),
            entry("gemma-embedding", EMBEDDING),
            entry("llama-embed", EMBEDDING),
            entry("t5encoder", EMBEDDING),
            entry("t5", "is an encoder-decoder model; Juxta runs decoder-only chat models"),
            entry("clip", "is a vision or audio encoder (a multimodal projector, mmproj, file), not a language model"),
            entry("wavtokenizer-dec", "is an audio decoder: it turns audio codes into sound, not text"),
            entry("qwen3tts", SPEECH),
            entry("pockettts", SPEECH),
            entry("dream", DIFFUSION),
            entry("llada", DIFFUSION),
            entry("llada-moe", DIFFUSION),
            entry("rnd1", DIFFUSION),
            entry("eagle3", DRAFT),
            entry("dflash", DRAFT),
            entry("gemma4-assistant", DRAFT));

    private SupportedArchitectures() {}

    /** Whether the bundled llama.cpp can load a model of architecture {@code arch}. */
    public static boolean isKnown(String arch) {
        return ALL.contains(arch);
    }

    /** Whether Juxta can chat with a model of this architecture. */
    public static boolean canGenerate(String arch) {
        return isKnown(arch) && !NOT_FOR_CHAT.containsKey(arch);
    }

    /**
     * Why a model of this architecture can't be used ("architecture 'x' is not supported by this
     * llama.cpp build (v0.5.0)", "... is an embedding model: ..."), or {@code null} when it can.
     */
    public static String refusal(String arch) {
        if (!isKnown(arch)) {
            return "architecture '" + arch + "' is not supported by this llama.cpp build (" + RELEASE + ")";
        }
        String why = NOT_FOR_CHAT.get(arch);
        return why == null ? null : "architecture '" + arch + "' " + why;
    }

    /** The architectures refused by {@link #refusal}'s second case, for tests that check the list. */
    static Set<String> notForChat() {
        return NOT_FOR_CHAT.keySet();
    }

    /** The resource: comment lines, a line "release vX.Y.Z", then one architecture name a line. */
    private record Listing(String release, Set<String> names) {
        static Listing read(String resource) {
            try (InputStream in = SupportedArchitectures.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource dev/juxta/llama/gguf/" + resource
                            + " is missing from the class path (native/tools/gen-architectures.sh writes it)");
                }
                String release = null;
                Set<String> names = new HashSet<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                    if (line.startsWith("release ")) {
                        release = line.substring("release ".length()).strip();
                    } else if (!line.isBlank() && !line.startsWith("#")) {
                        names.add(line.strip());
                    }
                }
                if (release == null || names.isEmpty()) {
                    throw new IllegalStateException("resource " + resource + " has no release line or no architectures");
                }
                return new Listing(release, Set.copyOf(names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
