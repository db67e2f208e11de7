package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link BlockProducts} against literal loops over the block's values as ND4J's own indexing reads them. */
class BlockProductsTest {
    private static final int ROWS = 37;
    private static final int COLS = 11;
    private static final int K = 3;

    private static double value(int i, int j) {
        return ((i * 7 + j * 13) % 17) / 8.0 - 0.5;
    }

    private static INDArray matrix(DataType type, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = value(i, j);
            }
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
    }

    private static double[] factor(int n, int m, int salt) {
        double[] f = new double[n * m];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((i * 5 + salt) % 9) / 4.0 - 1;
        }
        return f;
    }

    /** The blocks under test: whole arrays of three types, a range of rows (a view) and a column-major copy. */
    private static INDArray[] blocks() {
        INDArray big = matrix(DataType.FLOAT, ROWS + 9, COLS);
        return new INDArray[] {matrix(DataType.FLOAT, ROWS, COLS), matrix(DataType.DOUBLE, ROWS, COLS),
            matrix(DataType.HALF, ROWS, COLS), big.get(NDArrayIndex.interval(4, 4 + ROWS), NDArrayIndex.all()),
            matrix(DataType.DOUBLE, ROWS, COLS).dup('f')};
    }

    private static double tolerance(INDArray block) {
        return block.dataType() == DataType.DOUBLE ? 1e-12 : 1e-4;
    }

    @Test
    void productsOfRowRangesEqualLiteralLoops() {
        double[] f = factor(K, COLS, 1);
        for (INDArray block : blocks()) {
            double before = block.sumNumber().doubleValue();
            try (BlockProducts p = new BlockProducts(block)) {
                assertThat(p.rows()).isEqualTo(ROWS);
                for (int[] range : new int[][] {{0, ROWS}, {5, 20}, {ROWS - 1, 1}}) {
                    int from = range[0];
                    int n = range[1];
                    double[] s = factor(n, K, 2);
                    double[] xft = p.timesTransposed(from, n, f, K);
                    double[] stx = new double[K * COLS];
                    stx[0] = 100; // the sum is added to, not replaced
                    p.addTransposedTimes(from, n, s, K, stx);
                    double residual = p.residualSq(from, n, s, f, K);
                    double expectedResidual = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < COLS; j++) {
                            double x = block.getDouble(from + i, j);
                            double rec = 0;
                            for (int a = 0; a < K; a++) {
                                rec += s[i * K + a] * f[a * COLS + j];
                            }
                            expectedResidual += (x - rec) * (x - rec);
                        }
                        for (int a = 0; a < K; a++) {
                            double e = 0;
                            for (int j = 0; j < COLS; j++) {
                                e += block.getDouble(from + i, j) * f[a * COLS + j];
                            }
                            assertThat(xft[i * K + a]).as("%s X·Fᵀ[%d,%d]", block.dataType(), i, a)
                                    .isCloseTo(e, org.assertj.core.data.Offset.offset(tolerance(block)));
                        }
                    }
                    for (int a = 0; a < K; a++) {
                        for (int j = 0; j < COLS; j++) {
                            double e = a == 0 && j == 0 ? 100 : 0;
                            for (int i = 0; i < n; i++) {
                                e += s[i * K + a] * block.getDouble(from + i, j);
                            }
                            assertThat(stx[a * COLS + j]).as("%s SᵀX[%d,%d]", block.dataType(), a, j)
                                    .isCloseTo(e, org.assertj.core.data.Offset.offset(tolerance(block)));
                        }
                    }
                    double[] gram = new double[K * K];
                    gram[1] = 7; // the Gram matrix is added to, not replaced
                    p.addGram(s, n, K, gram);
                    for (int a = 0; a < K; a++) {
                        for (int q = 0; q < K; q++) {
                            double e = a == 0 && q == 1 ? 7 : 0;
                            for (int i = 0; i < n; i++) {
                                e += s[i * K + a] * s[i * K + q];
                            }
                            assertThat(gram[a * K + q]).as("%s SᵀS[%d,%d]", block.dataType(), a, q)
                                    .isCloseTo(e, org.assertj.core.data.Offset.offset(tolerance(block)));
                        }
                    }
                    assertThat(residual).isCloseTo(expectedResidual,
                            org.assertj.core.data.Offset.offset(tolerance(block) * expectedResidual));
                }
            }
            assertThat(block.sumNumber().doubleValue()).isEqualTo(before);
        }
    }

    @Test
    void rowsOutsideTheBlockAndNonMatricesAreRefused() {
        try (BlockProducts p = new BlockProducts(matrix(DataType.FLOAT, ROWS, COLS))) {
            assertThatThrownBy(() -> p.timesTransposed(ROWS - 2, 3, factor(K, COLS, 1), K))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the block's 37 rows");
            assertThatThrownBy(() -> p.timesTransposed(0, 0, factor(K, COLS, 1), K))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new BlockProducts(Nd4j.zeros(DataType.FLOAT, 2, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 4]");
    }
}
