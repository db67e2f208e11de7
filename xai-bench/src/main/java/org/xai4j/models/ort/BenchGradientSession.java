package org.xai4j.models.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;

/**
 * Benchmarks only (module xai-bench, in the library's package to reach its package-private writer): the gradient
 * engine's session for one row shape made directly, with the thread choice given by the caller instead of
 * {@link OnnxRuntimeGradients#ONE_THREAD_ELEMENTS}, so that a pass the engine runs on the pool can be timed on the
 * caller's thread too, and so that a session's memory can be measured before its first call. Same model, same
 * session options as the engine's.
 */
public final class BenchGradientSession implements AutoCloseable {
    private final Graph graph;
    private final OrtSession session;
    private final long columns;

    /**
     * Compiles the gradient model of {@code graph} for rows of shape {@code row}, for fixed classes.
     *
     * @param graph     a graph the engine serves
     * @param row       the input row shape
     * @param oneThread whether the session runs on the caller's thread alone (else the shared pool)
     * @throws OrtException when ONNX Runtime cannot compile the model
     */
    public BenchGradientSession(Graph graph, long[] row, boolean oneThread) throws OrtException {
        this.graph = graph;
        byte[] model = GradientModels.model(graph, row, false);
        try (OrtSession.SessionOptions options = OnnxRuntimeConvolutions.options(true, oneThread)) {
            session = OnnxRuntimeConvolutions.environmentOrNull().createSession(model, options);
        }
        columns = ((ai.onnxruntime.TensorInfo) session.getOutputInfo().get(GradientModels.OUTPUT).getInfo())
                .getShape()[1];
    }

    /**
     * The forward values one row of shape {@code row} makes, as the engine's thread rule counts them.
     *
     * @param graph a graph the engine serves
     * @param row the input row shape
     * @return every node's output elements for one row
     */
    public static long elementsPerRow(Graph graph, long[] row) {
        return GradientModels.elementsPerRow(graph, GradientModels.shapes(graph, row));
    }

    /**
     * How many sessions the gradient engine of {@code graph} keeps now.
     *
     * @param graph a graph
     * @return the cached sessions, or -1 when the graph has no ONNX Runtime gradient engine
     */
    public static int cachedSessions(Graph graph) {
        return graph.gradientEngine().filter(e -> e instanceof OnnxRuntimeGradients)
                .map(e -> ((OnnxRuntimeGradients) e).sessions()).orElse(-1);
    }

    /**
     * The engine's bound on a pass's forward values for the caller's thread alone.
     *
     * @return the bound
     */
    public static long oneThreadBound() {
        return OnnxRuntimeGradients.ONE_THREAD_ELEMENTS;
    }

    /**
     * The input gradient of class {@code cls} for every row of the c-ordered float array {@code x}.
     *
     * @param x the rows
     * @param cls the class whose output is differentiated
     * @return the input gradient, of {@code x}'s shape
     * @throws OrtException when the session call fails
     */
    public INDArray inputGradient(INDArray x, int cls) throws OrtException {
        long n = x.size(0);
        long[] classes = new long[(int) n];
        Arrays.fill(classes, cls);
        var env = OnnxRuntimeConvolutions.environmentOrNull();
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, columns}, 'c');
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        try (OnnxTensor xt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(x), x.shape());
             OnnxTensor ct = OnnxTensor.createTensor(env, LongBuffer.wrap(classes), new long[] {n});
             OnnxTensor yt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(output), output.shape());
             OnnxTensor dt = OnnxTensor.createTensor(env, OnnxRuntimeConvolution.buffer(dx), dx.shape());
             OrtSession.Result r = session.run(Map.of(graph.inputName(), xt, GradientModels.CLASSES, ct),
                     Map.of(GradientModels.OUTPUT, yt, GradientModels.INPUT_GRADIENT, dt))) {
            // the results are in output and dx
        }
        output.close();
        return dx;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
