package org.xai4j.bench.graph;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * ND4J's own op and BLAS threads at one against ND4J's default (one per core), in one JVM, alternating: each round
 * times {@code calls} passes with each setting back to back, the order alternating, and the median of the per-round
 * ratios (one thread ÷ default) is printed with its range. Both settings run with the convolutions on ONNX
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
        double[] ratio = new double[rounds];
        double[] atDefault = new double[rounds];
        double[] atOne = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double[] ms = new double[2];
            for (int k = 0; k < 2; k++) {
                int variant = round < 0 ? k : (round + k) % 2;
                int omp = variant == 0 ? defaultOmp : 1;
                Nd4j.getEnvironment().setMaxThreads(omp);
                Nd4j.getEnvironment().setMaxMasterThreads(omp);
                Nd4j.factory().blas().setMaxThreads(variant == 0 ? defaultBlas : 1);
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    switch (what) {
                        case "forward" -> g.forward(x, List.of());
                        case "gradients" -> g.gradients(x, t);
                        case "saliency" -> saliency.explain(x, t);
                        default -> throw new IllegalArgumentException("forward, gradients or saliency: " + what);
                    }
                }
                ms[variant] = (System.nanoTime() - t0) / 1e6 / calls;
            }
            if (round >= 0) {
                atDefault[round] = ms[0];
                atOne[round] = ms[1];
                ratio[round] = ms[1] / ms[0];
            }
        }
        Arrays.sort(ratio);
        Arrays.sort(atDefault);
        Arrays.sort(atOne);
        System.out.printf("%s, %d rows: ND4J default (%d OpenMP, %d BLAS threads) %.3f ms, one thread %.3f ms;"
                        + " one ÷ default median %.3f (range %.3f–%.3f, %d rounds)%n", what, rows, defaultOmp,
                defaultBlas, atDefault[rounds / 2], atOne[rounds / 2], ratio[rounds / 2], ratio[0], ratio[rounds - 1],
                rounds);
    }
}
