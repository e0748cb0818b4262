package dev.juxta.llama.engine;

import dev.juxta.llama.LlamaException;
import dev.juxta.llama.engine.Message.Cancel;
import dev.juxta.llama.engine.Message.Forget;
import dev.juxta.llama.engine.Message.Generate;
import dev.juxta.llama.engine.Message.LoadFailed;
import dev.juxta.llama.engine.Message.LoadProgress;
import dev.juxta.llama.engine.Message.Ready;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The engine child process: loads one model through {@link LoadedModel} and serves the bridge's
 * requests over stdin/stdout frames until stdin closes (the app ended). The bridge stops it with a
 * kill.
 *
 * <p>Arguments: {@link EngineArgs}. It always ends with {@link Runtime#halt}: freeing the model is
 * the OS's job, and no exit-time clean-up may race the decode thread.
 */
public final class EngineMain {
    /** Loading progress is reported in steps of this fraction. */
    private static final float PROGRESS_STEP = 0.02f;

    private EngineMain() {
    }

    public static void main(String[] args) {
        FrameWriter out = new FrameWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // Java code prints to System.out: keep fd 1 for frames.
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
        System.setProperty(LlamaNative.LIBRARY_DIR_PROPERTY, args.libraryDir().toString());
        LoadedModel model;
        try {
            model = LoadedModel.load(args.model(), Path.of(args.model()).getFileName().toString(), args.slots(),
                    args.contextPerSlot(), args.threads(), args.chatTemplate(), progressTo(out));
        } catch (LlamaException | LinkageError e) {
            out.write(MessageCodec.encode(new LoadFailed(describe(e))));
            return null;
        }
        EngineServer server = new EngineServer(model, out, args.slots(), args.contextPerSlot(), args.reproducible());
        Thread decoder = new Thread(server::decodeLoop, "juxta-engine-decode");
        decoder.setDaemon(true);
        decoder.start();
        out.write(MessageCodec.encode(new Ready(args.slots(), args.contextPerSlot(), args.threads())));
        return server;
    }

    private static LlamaNative.LoadListener progressTo(FrameWriter out) {
        float[] reported = {0};
        return fraction -> {
            if (fraction - reported[0] >= PROGRESS_STEP || fraction >= 1) {
                reported[0] = fraction;
                try {
                    out.write(MessageCodec.encode(new LoadProgress(fraction)));
                } catch (IOException e) {
                    return false; // the bridge is gone: stop loading
                }
            }
            return true;
        };
    }

    private static void serve(EngineServer server) throws IOException {
        FrameReader in = new FrameReader(System.in, bytes -> { });
        byte[] payload;
        while ((payload = in.read()) != null) {
            switch (MessageCodec.decode(payload)) {
                case Generate g -> server.generate(g);
                case Cancel c -> server.cancel(c.id());
                case Forget f -> server.forget(f.session());
                case Message other -> throw new IOException("unexpected message " + other);
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
