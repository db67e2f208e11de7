package org.xai4j.models.ort;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.ForwardEngine;
import org.xai4j.core.util.BatchPolicy;

/**
 * The plain forward passes of a graph read from an ONNX file, run by ONNX Runtime on the same file as one
 * session: the forward-only methods (occlusion, LIME, the Shapley estimators, Score-CAM's masked passes) then
 * pay ONNX Runtime's whole-model time instead of the graph's node-by-node dispatch (measured in
 * {@code docs/benchmarks.md}, "Forward passes on ONNX Runtime"). The session is made at the first pass (never
 * for graphs that only go backward) and released when the graph is no longer reachable.
 *
 * <p>The session runs on the thread pool the graph's convolutions share ({@link OnnxRuntimeConvolutions}), whose
 * workers sleep between calls: with a pool of its own on ONNX Runtime's defaults, each graph left a worker
 * spinning after every prediction, and two threads each explaining with their own graph had two spinning workers
 * beside them on a 2-core machine (docs/benchmarks.md, "xai-spark throughput").
 *
 * <p>Used on ND4J's CPU backend only; {@code -Dxai4j.forward=graph} turns it off (every pass on the graph).
 * When ONNX Runtime cannot load the file, the graph runs its forward passes itself.
 */
public final class OnnxRuntimeForward implements ForwardEngine {

    private final String id;
    private final String output;
    private byte[] model;
    private Holder holder;
    private boolean failed;

    /** Owns the session, so the cleaner can close it without reaching the engine. */
    private static final class Holder implements Runnable {
        final OnnxRuntimeModel session;

        Holder(OnnxRuntimeModel session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.close();
        }
    }

    private OnnxRuntimeForward(byte[] model, String id, String output) {
        this.model = model;
        this.id = id;
        this.output = output;
    }

    /**
     * The engine for {@code model}'s output {@code output}, or null where it cannot serve (turned off, not the
     * CPU backend).
     *
     * @param model  the ONNX file's bytes (kept until the session is made)
     * @param id     the model's id, for messages
     * @param output the graph output the engine returns
     * @return the engine, or null
     */
    public static OnnxRuntimeForward of(byte[] model, String id, String output) {
        if ("graph".equals(System.getProperty("xai4j.forward"))
                || Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
            return null;
        }
        return new OnnxRuntimeForward(model, id, output);
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public synchronized boolean available() {
        if (holder == null && !failed) {
            try {
                OnnxRuntimeModel m = OnnxRuntimeModel.loadForGraph(model, id, OnnxRuntimeOptions.builder()
                        .output(output).batchPolicy(BatchPolicy.ofRows(Integer.MAX_VALUE)).build());
                holder = new Holder(m);
                OnnxRuntimeConvolution.CLEANER.register(this, holder);
            } catch (RuntimeException | LinkageError e) {
                failed = true; // the graph runs the passes itself
            }
            model = null;
        }
        return holder != null;
    }

    @Override
    public INDArray predict(INDArray input) {
        return holder.session.predict(input);
    }
}
