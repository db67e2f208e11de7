package org.xai4j.bench.concepts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.concepts.nmf.Nmf;
import org.xai4j.concepts.nmf.NmfConfig;
import org.xai4j.concepts.nmf.NmfResult;
import org.xai4j.concepts.nmf.RowBlocks;
import org.xai4j.core.util.HostArrays;

/**
 * NMF of a large float matrix held once, in row blocks, timed end to end (initialisation, iterations, the final error
 * pass), with the peak resident memory of the process. {@code xai-bench/src/main/python/nmf_scale.py} builds the same
 * matrix and times scikit-learn's {@code NMF(init='nndsvd', solver='cd')} on it.
 *
 * <p>The matrix: V[i,j] = Σ_{r&lt;10} a(i,r)·b(r,j) + 0.01·e(i,j) with a(i,r) = ((i·(2r+3)·7919 + 31r) mod 997)/997,
 * b(r,j) = ((j·(2r+5)·104729 + 17r) mod 991)/991, e(i,j) = ((131i + 257j) mod 1009)/1009, computed in double and
 * stored as float.
 *
 * <pre>java -Xmx2g -cp benchmarks.jar org.xai4j.bench.concepts.NmfScale ROWS COLS K ITERATIONS BLOCK_ROWS</pre>
 * With ITERATIONS &gt; 0 the tolerance is 0 (exactly that many iterations); with 0 the defaults (10⁻⁴, 200).
 */
public final class NmfScale {
    private NmfScale() {
    }

    static double a(long i, int r) {
        return ((i * (2L * r + 3) * 7919L + 31L * r) % 997) / 997.0;
    }

    static double b(long j, int r) {
        return ((j * (2L * r + 5) * 104729L + 17L * r) % 991) / 991.0;
    }

    static double e(long i, long j) {
        return ((131L * i + 257L * j) % 1009) / 1009.0;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int cols = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        int blockRows = Integer.parseInt(args[4]);
        long t0 = System.nanoTime();
        List<INDArray> blocks = new ArrayList<>();
        double[][] bt = new double[10][cols];
        for (int r = 0; r < 10; r++) {
            for (int j = 0; j < cols; j++) {
                bt[r][j] = b(j, r);
            }
        }
        for (long r0 = 0; r0 < rows; r0 += blockRows) {
            int n = (int) Math.min(blockRows, rows - r0);
            float[] v = new float[n * cols];
            double[] ai = new double[10];
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 10; r++) {
                    ai[r] = a(r0 + i, r);
                }
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int r = 0; r < 10; r++) {
                        s += ai[r] * bt[r][j];
                    }
                    v[i * cols + j] = (float) (s + 0.01 * e(r0 + i, j));
                }
            }
            blocks.add(HostArrays.floatArray(v, new long[] {n, cols}));
        }
        double build = (System.nanoTime() - t0) / 1e9;
        RowBlocks matrix = new RowBlocks() {
            @Override
            public long rows() {
                return rows;
            }

            @Override
            public int cols() {
                return cols;
            }

            @Override
            public int blockCount() {
                return blocks.size();
            }

            @Override
            public INDArray block(int i) {
                return blocks.get(i);
            }

            @Override
            public String describe() {
                return "the " + rows + " × " + cols + " benchmark matrix";
            }
        };
        NmfConfig cfg = NmfConfig.DEFAULTS.withComponents(k);
        if (iterations > 0) {
            cfg = cfg.withTolerance(0).withMaxIterations(iterations);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        NmfResult r = new Nmf(cfg).fit(matrix);
        double fit = (System.nanoTime() - t1) / 1e9;
        // CPU seconds of the whole process (all threads: BLAS, JIT, GC) during the fit: on a loaded machine the
        // fairer comparison of two single-threaded programs than wall time
        double fitCpu = (os.getProcessCpuTime() - c1) / 1e9;
        System.out.printf("xai4j NMF %d x %d, K=%d, blocks of %d rows: build %.1f s, fit %.1f s (process CPU %.1f s),"
                        + " %d iterations, relative error %.6f, peak RSS %s%n", rows, cols, k, blockRows, build, fit,
                fitCpu, r.iterations(), r.relativeError(), peakRss());
    }

    static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }
}
