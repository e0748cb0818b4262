package dev.juxta.llama.engine;

import dev.juxta.llama.engine.Message.Cancel;
import dev.juxta.llama.engine.Message.Forget;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.LoadFailed;
import dev.juxta.llama.engine.Message.Ready;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * The engine child process: loads one model with the binding and serves the bridge's requests
 * over stdin/stdout frames until stdin closes (the app ended). The bridge stops it with a kill.
 *
 * <p>Arguments: {@link EngineArgs}. It always ends with {@link Runtime#halt}: the binding leaves a
 * non-daemon native thread that would keep the JVM alive, and freeing the model is the OS's job.
 */
public final class EngineMain {
    private EngineMain() {
    }

    public static void main(String[] args) {
        FrameWriter out = new FrameWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // Java code (the binding's loader among it) prints to System.out: keep fd 1 for frames.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        int status = 0;
        try {
            EngineArgs engineArgs = EngineArgs.parse(args);
            EngineServer server = start(engineArgs, out);
            if (server != null) {
                serve(server);
            } else {
                status = 2;
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("juxta engine: " + e);
            status = 1;
        }
        Runtime.getRuntime().halt(status);
    }

    private static EngineServer start(EngineArgs args, FrameWriter out) throws IOException {
        Binding binding;
        try {
            Files.createDirectories(args.nativeDir());
            System.setProperty("de.kherud.llama.tmpdir", args.nativeDir().toString());
            binding = Binding.load(args.model(), args.slots(), args.contextPerSlot(), args.threads());
        } catch (RuntimeException | LinkageError e) {
            out.write(MessageCodec.encode(new LoadFailed(describe(e))));
            return null;
        } finally {
            // The library stays mapped once loaded; remove the extracted copy at once.
            EngineDirs.delete(args.nativeDir());
        }
        EngineServer server = new EngineServer(binding, out, args.slots(), args.contextPerSlot(), args.chatTemplate());
        Thread receiver = new Thread(server::receiveLoop, "juxta-engine-receiver");
        receiver.setDaemon(true);
        receiver.start();
        out.write(MessageCodec.encode(new Ready(args.slots(), args.contextPerSlot(), args.threads())));
        return server;
    }

    private static void serve(EngineServer server) throws IOException {
        FrameReader in = new FrameReader(System.in, bytes -> { });
        byte[] payload;
        while ((payload = in.read()) != null) {
            switch (MessageCodec.decode(payload)) {
                case Generate g -> server.generate(g);
                case Cancel c -> server.cancel(c.id());
                case Forget f -> server.forget(f.slot());
                case Message other -> throw new IOException("unexpected message " + other);
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
