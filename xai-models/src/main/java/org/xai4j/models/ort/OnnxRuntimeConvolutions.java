package org.xai4j.models.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.node.ConvolutionKernel;
import org.xai4j.core.graph.node.ConvolutionProvider;
import org.xai4j.core.graph.node.PoolingKernel;
import org.xai4j.core.graph.node.Window2d;

/**
 * Runs the explanation graph's plain float convolutions on ONNX Runtime's CPU kernels, which are several times
 * faster than libnd4j's default {@code conv2d} (measured on a 64→64 3×3 convolution at 56², batch 1, one
 * thread: 2.2 ms, against 26 ms for libnd4j and 12 ms for the OpenBLAS kernel of {@code xai-core}). Registered
 * with {@link java.util.ServiceLoader}, so having {@code xai-models} on the class path is enough; used on ND4J's
 * CPU backend only (ONNX Runtime reads and writes ND4J's host memory in place).
 *
 * <p>Threads: {@code -Dxai4j.conv.threads}, else {@code OMP_NUM_THREADS}, else ONNX Runtime's default (one per
 * physical core). ND4J's own ops then get one thread unless {@code OMP_NUM_THREADS} or {@code -Dxai4j.nd4j.threads}
 * says otherwise (see {@link #nd4jThreads}), so that the convolution pool and ND4J's pools do not take the same
 * cores in turn. If this class makes the process's {@link OrtEnvironment} (nothing made one before), every
 * convolution session runs on one thread pool owned by the environment; otherwise each session has its own
 * pool, so a model with 40 distinct convolutions has 40 pools whose sleeping workers are woken one after the
 * other (measured on ResNet-18, batch 1, 2 threads, median forward+input-gradient: 128.6 ms with per-session
 * pools, 113.4 ms with the shared one). {@code -Dxai4j.conv.sharedPool=false} keeps per-session pools.
 * {@code -Dxai4j.conv.spinning=true} lets the pool's workers spin between convolutions instead of sleeping:
 * faster when ND4J's own ops run on one thread ({@code OMP_NUM_THREADS=1 -Dxai4j.conv.threads=2}: 82 ms against
 * PyTorch's 94 ms with 2 threads), but the workers then keep their cores busy while the graph's other ops and the
 * caller's Java code run (they block after a short idle time), and with ND4J on several threads too the cores
 * are oversubscribed (187 ms instead of 123 ms), so it is off by default. A program that wants to make the environment
 * with thread-pool options of its own must do so before the first convolution runs (ONNX Runtime allows one
 * environment per process and refuses thread-pool options once it exists).
 */
public final class OnnxRuntimeConvolutions implements ConvolutionProvider {
    /** Whether the sessions share the environment's thread pool (set once, when the environment is made). */
    private static boolean sharedPool;

    private static final OrtEnvironment ENV = environment();

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public ConvolutionKernel create(INDArray weight, INDArray bias, Window2d window) {
        if (ENV == null || Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
            return null;
        }
        shareCores();
        return new OnnxRuntimeConvolution(ENV, weight, bias, window);
    }

    /**
     * Float max pooling on ONNX Runtime's kernels ({@link OnnxRuntimeMaxPool}), under the same conditions as
     * {@link #create}; not in ceil mode, where ONNX Runtime 1.20 keeps a last window that starts in the trailing
     * padding (PyTorch and the graph drop it: 11 columns, kernel 2, stride 2, right pad 1 give 5, not 6).
     */
    @Override
    public PoolingKernel maxPool(Window2d window, boolean ceilMode) {
        if (ceilMode || ENV == null || Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
            return null;
        }
        shareCores();
        return new OnnxRuntimeMaxPool(ENV, window);
    }

    /** Whether {@link #shareCores()} ran. */
    private static volatile boolean coresShared;

    /**
     * Once, at the first convolution that goes to ONNX Runtime: ND4J's own op threads (OpenMP) and BLAS threads as
     * {@link #nd4jThreads} decides. ONNX Runtime's pool already has a thread per core for the convolutions, and with
     * ND4J's element-wise ops, pooling and Gemm on as many threads again the three pools take the same two cores in
     * turn (measured in one JVM, alternating, 2 cores: the demo's CNN at 8 rows, forward 3.6 → 1.2 ms and saliency
     * 6.9 → 2.6 ms with ND4J on one thread; ResNet-18 forward+input-gradient, batch 2: 161 → 144 ms; docs/benchmarks.md).
     */
    private static synchronized void shareCores() {
        if (coresShared) {
            return;
        }
        int threads = nd4jThreads(System.getProperty("xai4j.nd4j.threads"), System.getenv("OMP_NUM_THREADS"));
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        coresShared = true;
    }

    /**
     * How many threads ND4J's own ops and BLAS get once the convolutions run on ONNX Runtime's pool:
     * {@code -Dxai4j.nd4j.threads=N} sets N; {@code keep} leaves ND4J as it is; unset (or {@code auto}) gives one
     * thread unless {@code OMP_NUM_THREADS} is set, which ND4J then follows as before.
     *
     * @param property the value of {@code xai4j.nd4j.threads}, or null
     * @param ompNumThreads the value of the environment variable {@code OMP_NUM_THREADS}, or null
     * @return the thread count to set, or 0 to leave ND4J's settings alone
     * @throws InvalidConfigException if the property is neither a positive whole number, {@code auto} nor {@code keep}
     */
    static int nd4jThreads(String property, String ompNumThreads) {
        String p = property == null ? "auto" : property.trim();
        switch (p) {
            case "keep":
                return 0;
            case "auto":
                return ompNumThreads != null && !ompNumThreads.isBlank() ? 0 : 1;
            default:
                try {
                    int n = Integer.parseInt(p);
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
                throw new InvalidConfigException("-Dxai4j.nd4j.threads must be a positive whole number, 'auto' or "
                        + "'keep' but was '" + property + "'");
        }
    }

    private static OrtEnvironment environment() {
        try {
            if (!"false".equals(System.getProperty("xai4j.conv.sharedPool"))) {
                try (OrtEnvironment.ThreadingOptions t = new OrtEnvironment.ThreadingOptions()) {
                    int threads = threads();
                    if (threads > 0) {
                        t.setGlobalIntraOpNumThreads(threads);
                    }
                    t.setGlobalInterOpNumThreads(1);
                    t.setGlobalSpinControl(Boolean.getBoolean("xai4j.conv.spinning"));
                    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                            "xai4j", t);
                    sharedPool = true;
                    return env;
                } catch (IllegalStateException | OrtException e) {
                    // the process made its environment before (with or without its own pools): per-session pools
                }
            }
            return OrtEnvironment.getEnvironment();
        } catch (RuntimeException | LinkageError e) {
            return null; // no ONNX Runtime native library for this platform: libnd4j runs the convolutions
        }
    }

    /** Whether the convolution sessions run on the environment's shared pool (for tests). */
    static boolean sharesThreadPool() {
        return ENV != null && sharedPool;
    }

    /** The environment the graph engine's sessions are made in, or null where ONNX Runtime does not load. */
    static OrtEnvironment environmentOrNull() {
        return ENV;
    }

    /**
     * Session options for a convolution: those of {@link #options(boolean)}, with ONNX Runtime's arena only when
     * {@code -Dxai4j.conv.arena=true} (a model has one session per convolution and direction).
     */
    static OrtSession.SessionOptions options() throws OrtException {
        return options(Boolean.getBoolean("xai4j.conv.arena"));
    }

    /**
     * Session options for the graph engine's sessions (convolutions and {@link OnnxRuntimeForward}'s whole-model
     * passes): sequential, the environment's shared pool where there is one, no spinning threads between calls
     * unless {@code -Dxai4j.conv.spinning=true}. A session left on ONNX Runtime's defaults instead gets a pool of
     * its own whose worker spins after every call: with one such session per explainer, two threads explaining
     * rows side by side had two spinning workers on two cores (docs/benchmarks.md, "xai-spark throughput").
     *
     * @param arena whether the session keeps ONNX Runtime's memory arena between calls
     */
    static OrtSession.SessionOptions options(boolean arena) throws OrtException {
        return options(arena, false);
    }

    /**
     * {@link #options(boolean)}, or with {@code oneThread} the same on the calling thread alone (no pool: for passes
     * too small to gain from a second thread, see {@link OnnxRuntimeGradients}).
     *
     * @param arena whether the session keeps ONNX Runtime's memory arena between calls
     * @param oneThread whether the session runs on the caller's thread only
     */
    static OrtSession.SessionOptions options(boolean arena, boolean oneThread) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        if (oneThread) {
            o.setIntraOpNumThreads(1);
        } else if (sharedPool) {
            o.disablePerSessionThreads(); // the environment's pool has the thread count
        } else {
            int threads = threads();
            if (threads > 0) {
                o.setIntraOpNumThreads(threads);
            }
        }
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setCPUArenaAllocator(arena);
        // spinning per-session pools burn the cores ND4J's own ops need in between (ResNet-18 batch 1, 2 threads:
        // 7.6× slower with every session's worker spinning)
        String spin = Boolean.getBoolean("xai4j.conv.spinning") ? "1" : "0";
        o.addConfigEntry("session.intra_op.allow_spinning", spin);
        o.addConfigEntry("session.inter_op.allow_spinning", spin);
        return o;
    }

    /**
     * The convolution pool's threads: {@code -Dxai4j.conv.threads}, else {@code OMP_NUM_THREADS}, else 0 (ONNX
     * Runtime's default, one per core). Other host work of the step engine that splits across threads
     * ({@link MaxPoolGradient}) takes no more than this.
     */
    static int threads() {
        String p = System.getProperty("xai4j.conv.threads");
        String e = System.getenv("OMP_NUM_THREADS");
        for (String v : new String[] {p, e}) {
            if (v != null) {
                try {
                    return Math.max(0, Integer.parseInt(v.trim()));
                } catch (NumberFormatException ignored) {
                    // not a number: try the next source
                }
            }
        }
        return 0;
    }

    /**
     * How many threads host work that the library splits itself (a max pooling's gradient by planes, a gradient
     * pass by rows) may use at once: {@link #threads}, else the cores, and no more than the common fork-join pool's
     * workers plus the caller, which run it — so callers on many threads together stay within that pool.
     */
    static int splitThreads() {
        int t = threads();
        t = t > 0 ? t : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(t, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
    }
}
