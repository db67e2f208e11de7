package org.xai4j.models.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
import org.xai4j.core.util.HostArrays;

/**
 * The plain gradient passes of a float graph run by ONNX Runtime as one session call each: the graph's forward pass
 * and its backward pass written as one ONNX model ({@link GradientModels}), made on first use once per input row
 * shape and target kind (fixed classes, or the predicted class), and closed when the engine is no longer reachable
 * or when more than {@value #SESSIONS} other sessions were used since (the least recently used goes first; one a
 * pass is running on is closed when that pass ends). A small model's pass then costs one call instead of a runtime
 * call or array operation per node (measured in {@code docs/benchmarks.md}).
 *
 * <p>Serves graphs whose every node has a gradient model (convolutions, batch normalisation, ReLU, max and average
 * pooling other than in ceil mode, global average pooling, Gemm, MatMul with a constant operand, Add without
 * broadcasting of an input-dependent operand, Flatten, Reshape, Identity) and an N×K output, for
 * {@link ClassTarget}s and the {@link PredictedTarget}; every other pass stays on the graph ({@link #gradients}
 * returns null), and so does a pass whose output or input gradient holds a non-finite value, or where a value a max
 * pooling reads does ({@link GradientModels#CHECK}): ONNX Runtime's operators and the graph's treat infinities and
 * NaN differently, and the graph's pass is the reference. A pass of several rows is cut into one row range per
 * thread ({@link #parts}), each run on one thread, side by side; a single row runs on the pool the graph's convolutions
 * share, with the session options of {@link OnnxRuntimeForward}'s session, unless it is small enough to lose more to
 * waking the pool than it gains from it ({@link #ONE_THREAD_ELEMENTS}), when it runs on the caller's thread. Used on
 * ND4J's CPU backend only, and only where the graph's convolutions may run on ONNX Runtime ({@code -Dxai4j.conv}
 * unset, {@code auto} or {@code onnxruntime}: {@code -Dxai4j.conv=native} asks for libnd4j's kernels, and this
 * engine would run every convolution on ONNX Runtime's); {@code -Dxai4j.gradients=graph} turns it off too.
 */
public final class OnnxRuntimeGradients implements GradientEngine {

    private final Graph graph;
    private final OrtEnvironment env;
    private final Compiled compiled = new Compiled();
    /** By input row shape: its value shapes, found once for every session of that row shape. */
    private final Recent<RowShapes> rowShapes = new Recent<>();
    /** The model keys the writer or ONNX Runtime refused: those passes stay on the graph. */
    private final Recent<Boolean> declined = new Recent<>();
    private final AtomicLong passes = new AtomicLong();

    /**
     * The most compiled sessions an engine keeps: a caller that sends rows of ever new shapes (or batch sizes on both
     * sides of {@link #ONE_THREAD_ELEMENTS}) keeps the recent ones, not all.
     */
    static final int SESSIONS = 8;

    /** The most row shapes whose value shapes an engine remembers, and the most refused row shapes and model keys. */
    static final int REMEMBERED = 8;

    /**
     * Passes that are not cut into row ranges ({@link #parts}: one row, or one thread allowed) and whose forward values
     * hold at most this many elements run on the caller's thread alone, larger ones on the shared pool. Measured on
     * the demo CNN (about 44 000 elements a row), one session call, same JVM alternating: one thread took 0.92× the
     * pool's time at 8 rows, 1.11× at 32 and 1.41× at 128 ({@code docs/benchmarks.md}); the bound lies between.
     */
    static final long ONE_THREAD_ELEMENTS = 1 << 19;

    /**
     * A compiled gradient model and its output's columns; the users, eviction and closing are guarded by
     * {@link Compiled}.
     */
    static final class Session {
        final OrtSession session;
        final long columns;
        int users;
        boolean evicted;
        boolean closed;

        Session(OrtSession session, long columns) {
            this.session = session;
            this.columns = columns;
        }
    }

    /** A small map that forgets its least recently used entries beyond {@link #REMEMBERED}. */
    private static final class Recent<V> {
        private final Map<String, V> map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };

        synchronized V get(String key) {
            return map.get(key);
        }

        synchronized void put(String key, V value) {
            map.put(key, value);
        }
    }

    /**
     * The value shapes of an input row shape (a probe forward pass), the forward values one row makes, and whether
     * rows may be run apart.
     */
    private record RowShapes(Map<String, long[]> shapes, long elementsPerRow, boolean rowsSeparate) {
    }

    /**
     * The sessions by model key, least recently used first, at most {@link #SESSIONS}; closed by the cleaner (so
     * this must not reference the engine). A session is taken with {@link #acquire} or {@link #add} and given back
     * with {@link #release}; one evicted while a pass runs on it is closed when the last such pass gives it back.
     */
    static final class Compiled implements Runnable {
        private final LinkedHashMap<String, Session> byKey = new LinkedHashMap<>(16, 0.75f, true);
        /** The sessions handed to {@link #add}, and those closed (for tests: none left open unreachable). */
        private long opened;
        private long closed;

        /** The session of {@code key}, taken, or null when there is none. */
        synchronized Session acquire(String key) {
            Session s = byKey.get(key);
            if (s != null) {
                s.users++;
            }
            return s;
        }

        /** {@code made} kept for {@code key} and taken (or, where another thread added one first, that one). */
        synchronized Session add(String key, Session made) {
            opened++;
            Session s = byKey.get(key);
            if (s == null) {
                byKey.put(key, made);
                s = made;
                Iterator<Session> eldest = byKey.values().iterator();
                while (byKey.size() > SESSIONS) {
                    Session old = eldest.next();
                    eldest.remove();
                    old.evicted = true;
                    if (old.users == 0) {
                        close(old);
                    }
                }
            } else {
                close(made);
            }
            s.users++;
            return s;
        }

        synchronized void release(Session s) {
            s.users--;
            if (s.evicted && s.users == 0) {
                close(s);
            }
        }

        private void close(Session s) {
            closed++;
            s.closed = true;
            try {
                s.session.close();
            } catch (OrtException e) {
                // nothing more can be done for a session that does not close
            }
        }

        synchronized int size() {
            return byKey.size();
        }

        /** Sessions handed to {@link #add} and not closed since. */
        synchronized long open() {
            return opened - closed;
        }

        @Override
        public synchronized void run() {
            byKey.values().forEach(this::close);
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
        String conv = System.getProperty("xai4j.conv", "auto");
        boolean convolutionsOnOrt = conv.equals("auto") || conv.equals("onnxruntime");
        if ("graph".equals(System.getProperty("xai4j.gradients")) || env == null || !convolutionsOnOrt
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

    /** How many compiled sessions this engine keeps (for tests). */
    int sessions() {
        return compiled.size();
    }

    /** Sessions compiled and not closed (for tests: equal to {@link #sessions} when no pass runs). */
    long openSessions() {
        return compiled.open();
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
        int parts = shapes.rowsSeparate() ? parts(n) : 1;
        boolean oneThread = parts > 1 || shapes.elementsPerRow() * n <= ONE_THREAD_ELEMENTS;
        String key = rowKey + (predicted ? " predicted" : " classes") + (oneThread ? " one thread" : "");
        Session s = session(key, shapes, predicted, oneThread);
        if (s == null) {
            return null;
        }
        try {
            long[] classes = null;
            if (!predicted) {
                int[] c = ((ClassTarget) target).classes((int) n);
                classes = new long[c.length];
                for (int i = 0; i < c.length; i++) {
                    classes[i] = c[i];
                }
            }
            return run(s, input, classes, n, parts);
        } finally {
            compiled.release(s);
        }
    }

    /**
     * Into how many row ranges a pass of {@code n} rows is cut, each run on the caller's thread alone and side by side
     * on the common fork-join pool ({@link OnnxRuntimeConvolutions#splitThreads}): one range per thread, at most one
     * per row; only for graphs whose rows are independent ({@link GradientModels#rowsSeparate}). These models gain far
     * less from a second thread inside one call than from two calls at once (measured: the demo CNN's 8, 32 and 64
     * rows in two ranges took 0.57–0.67× the time of one call on the 2-thread pool, ResNet-18's 2 and 4 rows
     * 0.86–0.87×, {@code docs/benchmarks.md}).
     */
    static int parts(long n) {
        return (int) Math.min(n, OnnxRuntimeConvolutions.splitThreads());
    }

    /**
     * The pass on session {@code s} (taken by the caller), its rows cut into {@code parts} ranges run side by side, or
     * null when a value that the graph's pass would treat unlike ONNX Runtime's is not finite.
     */
    private Gradients run(Session s, INDArray input, long[] classes, long n, int parts) {
        INDArray x = plain(input);
        INDArray output = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, s.columns}, 'c');
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        boolean finite;
        try {
            finite = ForkedRanges.all(parts, k -> runRows(s, x, classes, output, dx, n * k / parts,
                    n * (k + 1) / parts));
        } finally {
            // the buffers handed to ONNX Runtime do not keep their arrays alive
            java.lang.ref.Reference.reachabilityFence(x);
            java.lang.ref.Reference.reachabilityFence(output);
            java.lang.ref.Reference.reachabilityFence(dx);
        }
        if (x != input) {
            x.close();
        }
        if (!finite || !HostArrays.allFinite(output) || !HostArrays.allFinite(dx)) {
            output.close();
            dx.close();
            return null;
        }
        passes.incrementAndGet();
        return new Gradients(output, dx, true); // made for this pass alone
    }

    /**
     * Rows {@code from} to {@code to} (exclusive) of {@code x} through session {@code s}, their outputs and input
     * gradients written into the same rows of {@code output} and {@code dx}; whether the run's check value is finite.
     */
    private boolean runRows(Session s, INDArray x, long[] classes, INDArray output, INDArray dx, long from, long to) {
        long rows = to - from;
        long[] shape = x.shape().clone();
        shape[0] = rows;
        try (OnnxTensor xt = OnnxTensor.createTensor(env, rows(x, from, to), shape);
             OnnxTensor ct = classes == null ? null : OnnxTensor.createTensor(env,
                     LongBuffer.wrap(Arrays.copyOfRange(classes, (int) from, (int) to)), new long[] {rows});
             OnnxTensor yt = OnnxTensor.createTensor(env, rows(output, from, to), new long[] {rows, s.columns});
             OnnxTensor dt = OnnxTensor.createTensor(env, rows(dx, from, to), shape);
             OrtSession.Result r = s.session.run(ct == null ? Map.of(graph.inputName(), xt)
                     : Map.of(graph.inputName(), xt, GradientModels.CLASSES, ct), Set.of(GradientModels.CHECK),
                     Map.of(GradientModels.OUTPUT, yt, GradientModels.INPUT_GRADIENT, dt))) {
            // output and dx are filled; the check is the run's one value of its own
            return Float.isFinite(((OnnxTensor) r.get(GradientModels.CHECK).orElseThrow()).getFloatBuffer().get(0));
        } catch (OrtException e) {
            throw new XaiException("ONNX Runtime could not run the gradient pass of '" + graph.id() + "' on "
                    + Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
        }
    }

    /** Rows {@code from} to {@code to} (exclusive) of the plain c-ordered float array {@code a}, as a direct buffer. */
    private static FloatBuffer rows(INDArray a, long from, long to) {
        long perRow = a.length() / a.size(0);
        FloatBuffer all = OnnxRuntimeConvolution.buffer(a);
        if (from == 0 && to == a.size(0)) {
            return all;
        }
        return all.position(Math.toIntExact(from * perRow)).limit(Math.toIntExact(to * perRow)).slice();
    }

    /**
     * The value shapes of rows of shape {@code row}, found on first use (two threads may both find them: the same
     * shapes); null when the probe pass fails.
     */
    private RowShapes rowShapes(String rowKey, long[] row) {
        RowShapes known = rowShapes.get(rowKey);
        if (known != null || declined.get(rowKey) != null) {
            return known;
        }
        try {
            Map<String, long[]> shapes = GradientModels.shapes(graph, row);
            RowShapes found = new RowShapes(shapes, GradientModels.elementsPerRow(graph, shapes),
                    GradientModels.rowsSeparate(graph, shapes));
            rowShapes.put(rowKey, found);
            return found;
        } catch (GradientModels.Unsupported | XaiException e) {
            declined.put(rowKey, Boolean.TRUE);
            return null;
        }
    }

    /**
     * The compiled model of {@code key}, taken (give it back with {@link Compiled#release}), made on first use; null
     * when the writer or ONNX Runtime refuses it.
     */
    private Session session(String key, RowShapes shapes, boolean predicted, boolean oneThread) {
        Session s = compiled.acquire(key);
        if (s != null || declined.get(key) != null) {
            return s;
        }
        try {
            return compiled.add(key, compile(shapes.shapes(), predicted, oneThread));
        } catch (GradientModels.Unsupported | XaiException e) {
            declined.put(key, Boolean.TRUE);
            return null;
        }
    }

    private Session compile(Map<String, long[]> shapes, boolean predicted, boolean oneThread) {
        byte[] model = GradientModels.model(graph, shapes, predicted);
        try (OrtSession.SessionOptions options = OnnxRuntimeConvolutions.options(true, oneThread)) {
            OrtSession s = env.createSession(model, options);
            try {
                long[] out = ((ai.onnxruntime.TensorInfo) s.getOutputInfo().get(GradientModels.OUTPUT).getInfo())
                        .getShape();
                return new Session(s, out[1]);
            } catch (OrtException | RuntimeException e) {
                s.close();
                throw e;
            }
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
