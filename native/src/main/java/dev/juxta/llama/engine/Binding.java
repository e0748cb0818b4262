package dev.juxta.llama.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The engine's adapter over de.kherud:llama. It reaches the binding's package-private task API
 * (request / receive / cancel by task id) because the public iterator can only be cancelled from
 * its own thread and cannot choose a slot. Only the engine's receiver thread receives and cancels.
 */
final class Binding {
    private static final MethodHandle REQUEST;
    private static final MethodHandle RECEIVE;
    private static final MethodHandle CANCEL;
    private static final MethodHandle RELEASE;
    private static final VarHandle OUTPUT_STOP;
    private static final MethodHandle PARAMETERS;

    static {
        try {
            MethodHandles.Lookup model = MethodHandles.privateLookupIn(LlamaModel.class, MethodHandles.lookup());
            REQUEST = model.findVirtual(LlamaModel.class, "requestCompletion", MethodType.methodType(int.class, String.class));
            RECEIVE = model.findVirtual(LlamaModel.class, "receiveCompletion", MethodType.methodType(LlamaOutput.class, int.class));
            CANCEL = model.findVirtual(LlamaModel.class, "cancelCompletion", MethodType.methodType(void.class, int.class));
            RELEASE = model.findVirtual(LlamaModel.class, "releaseTask", MethodType.methodType(void.class, int.class));
            OUTPUT_STOP = MethodHandles.privateLookupIn(LlamaOutput.class, MethodHandles.lookup())
                    .findVarHandle(LlamaOutput.class, "stop", boolean.class);
            Class<?> json = Class.forName("de.kherud.llama.JsonParameters");
            PARAMETERS = MethodHandles.privateLookupIn(json, MethodHandles.lookup())
                    .findGetter(json, "parameters", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One streamed result: a piece of text, and whether it is the task's last. */
    record Output(String text, boolean stop) {
    }

    private final LlamaModel model;

    private Binding(LlamaModel model) {
        this.model = model;
    }

    static Binding load(String modelPath, int slots, int contextPerSlot, int threads) {
        ModelParameters parameters = new ModelParameters()
                .setModel(modelPath)
                .setParallel(slots)
                .setCtxSize(slots * contextPerSlot)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .disableContextShift()
                // Its kernel skips the cells other slots hold; without it every decode attended over
                // them, masked, and one stream on the 134M model ran at 165 tok/s instead of 248.
                .enableFlashAttn()
                // The default warm-up runs on this thread and leaves an extra OpenMP thread behind
                // that made every later decode 2.5-3x slower.
                .skipWarmup();
        return new Binding(new LlamaModel(parameters));
    }

    /** Queues a streamed completion on {@code slot}; returns the task id. */
    int request(InferenceParameters parameters, int slot) {
        Map<String, String> json = parametersOf(parameters);
        json.put("stream", "true");
        json.put("id_slot", Integer.toString(slot));
        try {
            return (int) REQUEST.invoke(model, parameters.toString());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Blocks for the task's next result. Call only for a task that has not stopped or been cancelled. */
    Output receive(int task) {
        try {
            LlamaOutput output = (LlamaOutput) RECEIVE.invoke(model, task);
            return new Output(output.text, (boolean) OUTPUT_STOP.get(output));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Cancels the task: its slot is freed and no further result will come for it. */
    void cancel(int task) {
        invokeVoid(CANCEL, task);
    }

    /** Forgets a task that stopped by itself. */
    void release(int task) {
        invokeVoid(RELEASE, task);
    }

    int[] encode(String text) {
        return model.encode(text);
    }

    String applyTemplate(InferenceParameters parameters) {
        return model.applyTemplate(parameters);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parametersOf(InferenceParameters parameters) {
        try {
            return (Map<String, String>) PARAMETERS.invoke(parameters);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void invokeVoid(MethodHandle handle, int task) {
        try {
            handle.invoke(model, task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
