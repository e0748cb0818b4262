package dev.juxta.llama.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's command line: {@code --model PATH --slots N --context N --threads N
 * --chat-template true|false --reproducible true|false --library-dir DIR}; the library folder is that of
 * {@link LlamaNative}.
 */
record EngineArgs(String model, int slots, int contextPerSlot, int threads, boolean chatTemplate, boolean reproducible,
                  Path libraryDir) {

    List<String> toList() {
        List<String> list = new ArrayList<>();
        list.add("--model");
        list.add(model);
        list.add("--slots");
        list.add(Integer.toString(slots));
        list.add("--context");
        list.add(Integer.toString(contextPerSlot));
        list.add("--threads");
        list.add(Integer.toString(threads));
        list.add("--chat-template");
        list.add(Boolean.toString(chatTemplate));
        list.add("--reproducible");
        list.add(Boolean.toString(reproducible));
        list.add("--library-dir");
        list.add(libraryDir.toString());
        return list;
    }

    static EngineArgs parse(String[] args) {
        String model = null;
        int slots = 0;
        int context = 0;
        int threads = 0;
        boolean chatTemplate = false;
        boolean reproducible = false;
        Path libraryDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--model" -> model = value;
                case "--slots" -> slots = Integer.parseInt(value);
                case "--context" -> context = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--chat-template" -> chatTemplate = Boolean.parseBoolean(value);
                case "--reproducible" -> reproducible = Boolean.parseBoolean(value);
                case "--library-dir" -> libraryDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown engine option " + args[i]);
            }
        }
        if (model == null || slots < 1 || context < 1 || threads < 1 || libraryDir == null) {
            throw new IllegalArgumentException("incomplete engine options: " + String.join(" ", args));
        }
        return new EngineArgs(model, slots, context, threads, chatTemplate, reproducible, libraryDir);
    }
}
