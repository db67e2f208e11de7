package org.xai4j.concepts.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.models.io.Npy;

/** Planted factorisations, monotone objective, determinism, non-negativity and bad input. */
class NmfPropertiesTest {
    /**
     * A separable planted product W0·H0 (n × c, rank k): W0 holds a scaled identity in its first k rows (so the
     * factorisation is unique up to permutation and scale) and sparse uniform values below; H0 is sparse uniform.
     */
    static double[][] planted(long seed, int n, int c, int k) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[n][k];
        double[][] h = new double[k][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                w[i][j] = i < k ? (i == j ? 1 + r.nextDouble() : 0) : (r.nextDouble() < 0.6 ? r.nextDouble() : 0);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int q = 0; q < c; q++) {
                h[j][q] = r.nextDouble() < 0.5 ? r.nextDouble() : 0;
            }
            h[j][j] = 1 + r.nextDouble(); // every component has a column of its own: H0 is separable too
        }
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < c; q++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += w[i][j] * h[j][q];
                }
                out[i][q] = s;
            }
        }
        double[][] both = new double[n + k][];
        System.arraycopy(out, 0, both, 0, n);
        System.arraycopy(h, 0, both, n, k);
        return both;
    }

    @Test
    void recoversAPlantedExactFactorisation() {
        int n = 300;
        int c = 12;
        int k = 5;
        double[][] both = planted(11, n, c, k);
        double[][] v = java.util.Arrays.copyOf(both, n);
        double[][] h0 = java.util.Arrays.copyOfRange(both, n, n + k);
        INDArray x = Nd4j.create(v);
        NmfResult r = new Nmf(NmfConfig.DEFAULTS.withComponents(k).withTolerance(1e-12).withMaxIterations(20000))
                .fit(RowBlocks.of(x, 37, "planted"));
        double[] p = r.componentValues();
        // match every planted row of H0 with the component of largest cosine
        double worstCos = 1;
        boolean[] used = new boolean[k];
        for (int j = 0; j < k; j++) {
            int best = -1;
            double bestCos = -1;
            for (int q = 0; q < k; q++) {
                double cos = cosine(h0[j], p, q * c, c);
                if (cos > bestCos) {
                    bestCos = cos;
                    best = q;
                }
            }
            assertThat(used[best]).as("component %d matched twice", best).isFalse();
            used[best] = true;
            worstCos = Math.min(worstCos, bestCos);
        }
        System.out.printf("planted 300×12 rank-5 product, blocks of 37: relative error %.3e after %d iterations,"
                + " worst cosine between planted and found components %.12f%n", r.relativeError(), r.iterations(), worstCos);
        assertThat(r.relativeError()).isLessThan(1e-6);
        assertThat(1 - worstCos).isLessThan(1e-9);
    }

    private static double cosine(double[] a, double[] p, int off, int c) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < c; i++) {
            ab += a[i] * p[off + i];
            aa += a[i] * a[i];
            bb += p[off + i] * p[off + i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void objectiveNeverIncreasesAndFactorsStayNonNegative() {
        INDArray x = Npy.read(NmfReferenceTest.DIR.resolve("small-x.npy"));
        for (NmfInit init : NmfInit.values()) {
            NmfResult r = new Nmf(NmfConfig.DEFAULTS.withComponents(4).withInit(init).withL1(0.01).withL2(0.01)
                    .withTolerance(0).withMaxIterations(300)).fit(RowBlocks.of(x, 9, "small-x"));
            double[] f = r.objective();
            for (int i = 1; i < f.length; i++) {
                assertThat(f[i]).as("%s iteration %d", init, i).isLessThanOrEqualTo(f[i - 1] * (1 + 1e-12));
            }
            assertThat(f[f.length - 1]).isLessThan(f[0]);
            assertThat(r.scoreMatrix().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(r.componentMatrix().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            System.out.printf("%s: objective %.6f -> %.6f over %d iterations, never increasing%n", init, f[0],
                    f[f.length - 1], r.iterations());
        }
    }

    @Test
    void sameSeedSameBitsAndBlocksDoNotChangeTheFit() {
        INDArray x = Npy.read(NmfReferenceTest.DIR.resolve("small-x.npy"));
        NmfConfig cfg = NmfConfig.DEFAULTS.withComponents(3).withInit(NmfInit.RANDOM).withSeed(42);
        NmfResult a = new Nmf(cfg).fit(RowBlocks.of(x, 8, "x"));
        NmfResult b = new Nmf(cfg).fit(RowBlocks.of(x, 8, "x"));
        assertThat(a.componentValues()).isEqualTo(b.componentValues());
        assertThat(a.scoreMatrix()).isEqualTo(b.scoreMatrix());
        NmfResult other = new Nmf(cfg.withSeed(43)).fit(RowBlocks.of(x, 8, "x"));
        assertThat(other.componentValues()).isNotEqualTo(a.componentValues());
        NmfResult one = new Nmf(NmfConfig.DEFAULTS.withComponents(3)).fit(RowBlocks.of(x, 1000, "x"));
        NmfResult many = new Nmf(NmfConfig.DEFAULTS.withComponents(3)).fit(RowBlocks.of(x, 3, "x"));
        assertThat(NmfReferenceTest.maxAbsDiff(one.componentMatrix(), many.componentMatrix())).isLessThan(1e-12);
        assertThat(one.iterations()).isEqualTo(many.iterations());
    }

    @Test
    void floatBlocksAreReadWithoutChangingThem() {
        INDArray x = Npy.read(NmfReferenceTest.DIR.resolve("small-x.npy")).castTo(DataType.FLOAT);
        INDArray copy = x.dup();
        NmfResult r = new Nmf(NmfConfig.DEFAULTS.withComponents(4)).fit(RowBlocks.of(x, 7, "x"));
        assertThat(x).isEqualTo(copy);
        INDArray s = r.transform(RowBlocks.of(x, 5, "x"));
        assertThat(x).isEqualTo(copy);
        assertThat(s.shape()).containsExactly(40, 4);
        // float blocks are multiplied in float: the fit stays within float rounding of the double one
        NmfResult d = new Nmf(NmfConfig.DEFAULTS.withComponents(4)).fit(RowBlocks.of(x.castTo(DataType.DOUBLE), 7, "x"));
        double dp = NmfReferenceTest.maxAbsDiff(r.componentMatrix(), d.componentMatrix()) / d.componentMatrix().amaxNumber().doubleValue();
        System.out.printf("float vs double blocks: max rel diff of P %.2e, relative errors %.8f vs %.8f%n", dp,
                r.relativeError(), d.relativeError());
        assertThat(dp).isLessThan(1e-3);
        assertThat(Math.abs(r.relativeError() - d.relativeError())).isLessThan(1e-5);
    }

    @Test
    void transformOfTheFittingDataReproducesS() {
        INDArray x = Npy.read(NmfReferenceTest.DIR.resolve("small-x.npy"));
        NmfResult r = new Nmf(NmfConfig.DEFAULTS.withComponents(4).withTolerance(1e-9).withMaxIterations(20000))
                .fit(RowBlocks.of(x, 40, "x"));
        INDArray s = r.transform(RowBlocks.of(x, 11, "x"));
        double d = NmfReferenceTest.maxAbsDiff(s, r.scoreMatrix()) / r.scoreMatrix().amaxNumber().doubleValue();
        System.out.printf("transform with P fixed vs the fit's S (tolerance 1e-9, %d iterations): max rel diff %.2e%n",
                r.iterations(), d);
        assertThat(d).isLessThan(1e-4);
    }

    @Test
    void badInputIsNamed() {
        INDArray neg = Nd4j.create(new double[][] {{1, 2, 3}, {0.5, -0.25, 1}});
        assertThatThrownBy(() -> new Nmf(NmfConfig.DEFAULTS.withComponents(2)).fit(RowBlocks.of(neg, 1, "layer 'conv'")))
                .isInstanceOf(NegativeValueException.class)
                .hasMessageContaining("layer 'conv'").hasMessageContaining("-0.25").hasMessageContaining("row 1, column 1")
                .hasMessageContaining("ReLU");
        INDArray nan = Nd4j.create(new double[][] {{1, 2, 3}, {0.5, Double.NaN, 1}});
        assertThatThrownBy(() -> new Nmf(NmfConfig.DEFAULTS.withComponents(2)).fit(RowBlocks.of(nan, 1, "m")))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("row 1, column 1");
        INDArray ok = Nd4j.create(new double[][] {{1, 2, 3}, {0.5, 1, 1}, {2, 0, 1}});
        assertThatThrownBy(() -> new Nmf(NmfConfig.DEFAULTS.withComponents(4)).fit(RowBlocks.of(ok, 2, "layer 'relu'")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("K = 4").hasMessageContaining("C = 3");
        assertThatThrownBy(() -> RowBlocks.of(Nd4j.zeros(DataType.DOUBLE, 2, 3, 4), 2, "acts"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> NmfConfig.DEFAULTS.withComponents(0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("components");
        assertThatThrownBy(() -> NmfConfig.DEFAULTS.withTolerance(-1)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> NmfConfig.DEFAULTS.withL1(Double.NaN)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> NmfConfig.DEFAULTS.withMaxIterations(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> Nmf.transform(RowBlocks.of(ok, 2, "rows"), Nd4j.ones(2, 4), 0, 0))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("C = 4");
    }

    @Test
    void settingsAreListedByName() {
        assertThat(NmfConfig.DEFAULTS.toMap()).containsEntry("components", "10").containsEntry("init", "NNDSVD")
                .containsKeys("tolerance", "maxIterations", "l1", "l2", "seed");
    }
}
