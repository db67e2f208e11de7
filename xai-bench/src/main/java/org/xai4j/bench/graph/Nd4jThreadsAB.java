package org.xai4j.bench.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.bench.support.Interleaved;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * ND4J's own op and BLAS threads at one against ND4J's default (one per core), in one JVM, alternating: each round
 * times {@code calls} passes with each setting back to back, the order alternating, and the median of the per-round
 * ratios (one thread ÷ default) is printed with its range ({@link Interleaved#compareNanos}). Both settings run with the convolutions on ONNX
 * Runtime's pool; {@code -Dxai4j.nd4j.threads=keep} keeps the library from setting the count itself. Run from the
 * repository root:
 * <pre>
 *   java -Dxai4j.nd4j.threads=keep -cp $CP org.xai4j.bench.graph.Nd4jThreadsAB MODEL.onnx ROWS forward|gradients|saliency CALLS ROUNDS
 * </pre>
 */
public final class Nd4jThreadsAB {
    private Nd4jThreadsAB() {
    }

    public static void main(String[] args) throws Exception {
        Graph g = OnnxImporter.read(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        String what = args[2];
        int calls = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        long[] row = g.rowShape().orElseThrow();
        long[] shape = new long[row.length + 1];
        shape[0] = rows;
        System.arraycopy(row, 0, shape, 1, row.length);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        Target t = Target.classIndex(0);
        Saliency saliency = new Saliency(g);
        int defaultOmp = Nd4j.getEnvironment().maxThreads();
        int defaultBlas = Nd4j.factory().blas().getMaxThreads();
        Runnable call = switch (what) {
            case "forward" -> () -> g.forward(x, List.of());
            case "gradients" -> () -> g.gradients(x, t);
            case "saliency" -> () -> saliency.explain(x, t);
            default -> throw new IllegalArgumentException("forward, gradients or saliency: " + what);
        };
        LongSupplier atDefault = () -> timed(defaultOmp, defaultBlas, call, calls);
        LongSupplier atOne = () -> timed(1, 1, call, calls);
        atDefault.getAsLong(); // one untimed pair: the JIT and the native sessions warm up
        atOne.getAsLong();
        Interleaved.Result r = Interleaved.compareNanos(atDefault, atOne, rounds);
        System.out.printf("%s, %d rows: ND4J default (%d OpenMP, %d BLAS threads) %.3f ms, one thread %.3f ms;"
                        + " one ÷ default median %.3f (range %.3f–%.3f, %d rounds)%n", what, rows, defaultOmp,
                defaultBlas, r.rawMs() / calls, r.methodMs() / calls, r.median(), r.min(), r.max(), rounds);
    }

    /** Nanoseconds of {@code calls} calls with ND4J's op threads and BLAS threads set as given. */
    private static long timed(int omp, int blas, Runnable call, int calls) {
        Nd4j.getEnvironment().setMaxThreads(omp);
        Nd4j.getEnvironment().setMaxMasterThreads(omp);
        Nd4j.factory().blas().setMaxThreads(blas);
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return System.nanoTime() - t0;
    }
}
