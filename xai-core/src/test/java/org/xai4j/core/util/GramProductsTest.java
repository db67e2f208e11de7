package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GramProductsTest {
    /** XᵀX by plain loops in double over the values as stored (the reference). */
    private static double[] literal(double[][] x) {
        int c = x[0].length;
        double[] g = new double[c * c];
        for (double[] row : x) {
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    g[i * c + j] += row[i] * row[j];
                }
            }
        }
        return g;
    }

    private static double[][] values(int rows, int c, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][c];
        for (double[] row : x) {
            for (int j = 0; j < c; j++) {
                row[j] = (float) r.nextDouble(); // representable in float, so both precisions hold the same values
            }
        }
        return x;
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(actual[i] - expected[i]));
        }
        assertThat(err / scale).isLessThan(relative);
    }

    @Test
    void floatAndDoubleBlocksAccumulateTheirGramMatrices() {
        double[][] a = values(300, 17, 1);
        double[][] b = values(5, 17, 2);
        double[] expected = literal(a);
        double[] eb = literal(b);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += eb[i];
        }
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            double[] g = new double[17 * 17];
            GramProducts.addTo(Nd4j.createFromArray(a).castTo(t), g);
            GramProducts.addTo(Nd4j.createFromArray(b).castTo(t), g);
            assertClose(g, expected, t == DataType.DOUBLE ? 1e-14 : t == DataType.FLOAT ? 1e-6 : 1e-2);
            for (int i = 0; i < 17; i++) {
                for (int j = 0; j < 17; j++) {
                    assertThat(g[i * 17 + j]).isEqualTo(g[j * 17 + i]);
                }
            }
        }
    }

    @Test
    void columnMajorBlocksAndViewsGiveTheSameSums() {
        double[][] x = values(40, 6, 3);
        double[] expected = literal(java.util.Arrays.copyOfRange(x, 10, 30));
        INDArray whole = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        double[] viaView = new double[36];
        GramProducts.addTo(whole.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all()), viaView);
        double[] viaF = new double[36];
        GramProducts.addTo(whole.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all()).dup('f'), viaF);
        assertClose(viaView, expected, 1e-6);
        assertClose(viaF, expected, 1e-6);
    }

    @Test
    void theCpuBackendUsesTheSymmetricUpdate() {
        // the test class path has the CPU backend and OpenBLAS's bindings: the fast path must be the one tested above
        assertThat(GramProducts.usesSyrk()).isTrue();
    }
}
