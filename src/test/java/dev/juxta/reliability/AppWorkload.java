package dev.juxta.reliability;

import dev.juxta.llama.LlamaBridge;
import dev.juxta.llama.LlamaEngine;
import dev.juxta.llama.LlamaSession;
import dev.juxta.llama.ModelOptions;
import dev.juxta.llama.SessionOptions;
import dev.juxta.testkit.RecordingStream;
import dev.juxta.testkit.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A stand-in for the app, run in a child JVM by {@link FilesAndProcessesTest}: loads both shared
 * models (one through the facade), streams, reports "APP pid", "ENGINE pid" and "READY", then does
 * what its mode says.
 *
 * <p>Modes: {@code close} closes everything and returns; {@code kill} SIGKILLs an engine, streams
 * again (a restart), then closes; {@code segv} does the same with SIGSEGV; {@code exit} calls
 * System.exit without closing; {@code return} returns from main without closing; {@code wait}
 * waits for a line on stdin (the test inspects or kills it meanwhile), then exits without closing.
 */
public final class AppWorkload {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        ModelOptions options = ModelOptions.defaults().withMaxSessions(2).withThreads(1);
        LlamaBridge.initGenerateModel(TestModels.stories().toString(), options);
        LlamaEngine second = LlamaEngine.load(TestModels.storiesChatml(), options);
        LlamaSession a = LlamaBridge.createSession("a", SessionOptions.defaults().withMaxTokens(16));
        LlamaSession b = second.createSession("b", SessionOptions.defaults().withMaxTokens(16));
        stream(a, "Once upon a time");
        stream(b, "Hi");
        System.out.println("APP " + ProcessHandle.current().pid());
        System.out.println("ENGINE " + a.engine().engineProcessId());
        System.out.println("ENGINE " + second.engineProcessId());
        System.out.println("READY");
        System.out.flush();
        switch (mode) {
            case "close" -> { }
            case "kill", "segv" -> {
                long pid = a.engine().engineProcessId();
                Signals.send(mode.equals("kill") ? "KILL" : "SEGV", pid);
                Signals.goneWithin(pid, 10_000);
                stream(a, "The dog");
                System.out.println("ENGINE " + a.engine().engineProcessId());
            }
            case "exit" -> System.exit(0);
            case "return" -> {
                return;
            }
            case "wait" -> {
                new BufferedReader(new InputStreamReader(System.in)).readLine();
                System.exit(0);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        second.close();
        LlamaBridge.shutdown();
        System.out.println("CLOSED");
    }

    private static void stream(LlamaSession session, String prompt) {
        RecordingStream r = new RecordingStream();
        session.stream(prompt, r);
        if (!r.last().equals("complete")) {
            throw new IllegalStateException("stream ended with " + r.events + " " + r.error);
        }
    }
}
