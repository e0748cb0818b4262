package dev.juxta.llama.gguf;

import java.util.HashMap;
import java.util.Map;

/** Names of llama.cpp's {@code llama_ftype} values, stored as {@code general.file_type}. */
public final class FileTypes {
    private static final int GUESSED = 1024;
    private static final String[] NAMES = {
        "F32", "F16", "Q4_0", "Q4_1", null, null, null, "Q8_0", "Q5_0", "Q5_1", "Q2_K", "Q3_K_S",
        "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS", "IQ2_XS",
        "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M", "IQ4_XS",
        "IQ1_M", "BF16", null, null, null, "TQ1_0", "TQ2_0", "MXFP4_MOE", "NVFP4", "Q1_0", "Q2_0",
    };
    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i] != null) {
                IDS.put(NAMES[i], i);
            }
        }
    }

    private FileTypes() {}

    /** The name of file type {@code id} (ignoring the "guessed" flag 1024), or {@code null}. */
    public static String name(long id) {
        long base = id & ~GUESSED;
        return base >= 0 && base < NAMES.length ? NAMES[(int) base] : null;
    }

    /** The id of the file type called {@code name} (e.g. "Q4_0" is 2), or -1. */
    public static int id(String name) {
        return IDS.getOrDefault(name, -1);
    }
}
