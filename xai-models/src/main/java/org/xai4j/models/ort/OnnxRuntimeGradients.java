package org.xai4j.models.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.XaiException;
import org.xai4j.core.graph.GradientEngine;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.PredictedTarget;
import org.xai4j.core.target.Target;

/**
 * The plain gradient passes of a float graph run by ONNX Runtime as one session call each: the graph's forward pass
 * and its backward pass written as one ONNX model ({@link GradientModels}), made on first use once per input row
 * shape and target kind (fixed classes, or the predicted class), and closed when the engine is no longer reachable.
 * A small model's pass then costs one call instead of a runtime call or array operation per node (measured in
 * {@code docs/benchmarks.md}).
 *
 * <p>Serves graphs whose every node has a gradient model (convolutions, ReLU, max pooling over windows that tile the
 * input, Gemm, MatMul with a constant operand, Add without broadcasting of an input-dependent operand, Flatten,
 * Reshape, Identity) and an N×K output, for {@link ClassTarget}s and the {@link PredictedTarget}; every other pass
 * stays on the graph ({@link #gradients} returns null). The sessions run on the pool the graph's convolutions share,
 * with the session options of {@link OnnxRuntimeForward}'s session, except passes small enough to lose more to
 * waking the pool than they gain from it ({@link #ONE_THREAD_ELEMENTS}), which run on the caller's thread. Used on ND4J's CPU backend only;
 * {@code -Dxai4j.gradients=graph} turns it off.
 */
public final class OnnxRuntimeGradients implements GradientEngine {

    private final Graph graph;
    private final OrtEnvironment env;
    private final Compiled compiled = new Compiled();
    /** By input row shape: its value shapes, found once for every session of that row shape. */
    private final Map<String, RowShapes> rowShapes = new ConcurrentHashMap<>();
    /** The model keys the writer or ONNX Runtime refused: those passes stay on the graph. */
    private final Set<String> declined = ConcurrentHashMap.newKeySet();
    private final AtomicLong passes = new AtomicLong();

    /**
     * Passes whose forward values hold at most this many elements run on the caller's thread alone, larger ones on
     * the shared pool. Measured on the demo CNN (about 44 000 elements a row), one session call, same JVM
     * alternating: one thread took 0.92× the pool's time at 8 rows, 1.11× at 32 and 1.41× at 128
     * ({@code docs/benchmarks.md}); the bound lies between.
     */
    static final long ONE_THREAD_ELEMENTS = 1 << 19;

    /** A compiled gradient model and its output's columns. */
    private record Session(OrtSession session, long columns) {
    }

    /** The value shapes of an input row shape (a probe forward pass), and the forward values one row makes. */
    private record RowShapes(Map<String, long[]> shapes, long elementsPerRow) {
    }

    /** The sessions by model key; closed by the cleaner (so this must not reference the engine). */
    private static final class Compiled implements Runnable {
        final Map<String, Session> byKey = new ConcurrentHashMap<>();

        @Override
        public void run() {
            for (Session s : byKey.values()) {
                try {
                    s.session().close();
                } catch (OrtException e) {
                    // nothing more can be done for a session that does not close
                }
            }
            byKey.clear();
        }
    }

    private OnnxRuntimeGradients(Graph graph, OrtEnvironment env) {
        this.graph = graph;
        this.env = env;
        OnnxRuntimeConvolution.CLEANER.register(this, compiled);
    }

    /**
     * The engine for {@code graph}'s plain gradient passes, or null where it cannot serve (turned off, not the CPU
     * backend, no ONNX Runtime, or a node without a gradient model).
     *
     * @param graph a graph; the engine writes its models from this graph's nodes
     * @return the engine, or null
     */
    public static OnnxRuntimeGradients of(Graph graph) {
        OrtEnvironment env = OnnxRuntimeConvolutions.environmentOrNull();
        if ("graph".equals(System.getProperty("xai4j.gradients")) || env == null
                || Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU
                || GradientModels.unsupported(graph) != null) {
            return null;
        }
        return new OnnxRuntimeGradients(graph, env);
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public boolean supports(Target target) {
        return target instanceof ClassTarget || target instanceof PredictedTarget;
    }

    /** How many passes this engine ran (for tests: which engine ran). */
    long passes() {
        return passes.get();
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        long n = input.size(0);
        if (n < 1 || n > Integer.MAX_VALUE || input.dataType() != DataType.FLOAT || !supports(target)) {
            return null;
        }
        boolean predicted = target instanceof PredictedTarget;
        long[] row = Arrays.copyOfRange(input.shape(), 1, input.rank());
        String rowKey = Arrays.toString(row);
        RowShapes shapes = rowShapes(rowKey, row);
        if (shapes == null) {
            return null;
        }
        boolean oneThread = shapes.elementsPerRow() * n <= ONE_THREAD_ELEMENTS;
        String key = rowKey + (predicted ? " predicted" : " classes") + (oneThread ? " one thread" : "");
        Session s = session(key, shapes, predicted, oneThread);
        if (s == null) {
            return null;
        }
        long[] classes = null;
        if (!predicted) {
            int[] c = ((ClassTarget) target).classes((int) n);
            classes = new long[c.length];
            for (int i = 0; i < c.length; i++) {
                classes[i] = c[i];
            }
        }
        INDArray x = plain(input);
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, s.columns()}, 'c');
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        try (OnnxTensor xt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(x), x.shape());
             OnnxTensor ct = classes == null ? null : OnnxTensor.createTensor(env, LongBuffer.wrap(classes),
                     new long[] {n});
             OnnxTensor yt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(output), output.shape());
             OnnxTensor dt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(dx), dx.shape());
             OrtSession.Result r = s.session().run(ct == null ? Map.of(graph.inputName(), xt)
                     : Map.of(graph.inputName(), xt, GradientModels.CLASSES, ct),
                     Map.of(GradientModels.OUTPUT, yt, GradientModels.INPUT_GRADIENT, dt))) {
            // the results are already in output and dx
        } catch (OrtException e) {
            throw new XaiException("ONNX Runtime could not run the gradient pass of '" + graph.id() + "' on "
                    + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
        }
        if (x != input) {
            x.close();
        }
        passes.incrementAndGet();
        return new Gradients(output, dx);
    }

    /** The value shapes of rows of shape {@code row}, found on first use; null when the probe pass fails. */
    private RowShapes rowShapes(String rowKey, long[] row) {
        if (declined.contains(rowKey)) {
            return null;
        }
        try {
            return rowShapes.computeIfAbsent(rowKey, k -> {
                Map<String, long[]> shapes = GradientModels.shapes(graph, row);
                return new RowShapes(shapes, GradientModels.elementsPerRow(graph, shapes));
            });
        } catch (GradientModels.Unsupported | XaiException e) {
            declined.add(rowKey);
            return null;
        }
    }

    /** The compiled model of {@code key}, made on first use; null when the writer or ONNX Runtime refuses it. */
    private Session session(String key, RowShapes shapes, boolean predicted, boolean oneThread) {
        if (declined.contains(key)) {
            return null;
        }
        try {
            return compiled.byKey.computeIfAbsent(key, k -> compile(shapes.shapes(), predicted, oneThread));
        } catch (GradientModels.Unsupported | XaiException e) {
            declined.add(key);
            return null;
        }
    }

    private Session compile(Map<String, long[]> shapes, boolean predicted, boolean oneThread) {
        byte[] model = GradientModels.model(graph, shapes, predicted);
        try (OrtSession.SessionOptions options = OnnxRuntimeConvolutions.options(true, oneThread)) {
            OrtSession s = env.createSession(model, options);
            long[] out = ((ai.onnxruntime.TensorInfo) s.getOutputInfo().get(GradientModels.OUTPUT).getInfo())
                    .getShape();
            return new Session(s, out[1]);
        } catch (OrtException e) {
            throw new XaiException("ONNX Runtime could not compile the gradient model of '" + graph.id() + "': "
                    + e.getMessage(), e);
        }
    }

    /** {@code a} itself when it is a plain c-ordered array of its own memory, else such a copy. */
    private static INDArray plain(INDArray a) {
        boolean own = a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.data().length() == a.length();
        return own ? a : a.dup('c');
    }
}
