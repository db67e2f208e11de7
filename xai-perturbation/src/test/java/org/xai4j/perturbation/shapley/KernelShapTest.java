package org.xai4j.perturbation.shapley;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.SymmetricSolver;
import org.xai4j.perturbation.TestModels;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

class KernelShapTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    @Test
    void additiveModelGetsItsTrueContributionsFromFewSamples() {
        FeatureMask mask = FeatureMask.identity(12);
        TestModels.Additive model = new TestModels.Additive(mask, new long[] {12}, 21);
        INDArray x = Rng.seeded(7).uniform(DataType.DOUBLE, -2, 2, 3, 12);
        INDArray background = Rng.seeded(8).uniform(DataType.DOUBLE, -2, 2, 3, 12);
        ShapleyExplanation e = new KernelShap(model, KernelShapConfig.DEFAULTS.withSamples(36).withSeed(3)
                .withBaseline(Baseline.background(background))).explain(x, Target.classIndex(0));
        double[] mean = new double[12];
        for (int b = 0; b < 3; b++) {
            double[] g = model.groupTerms(TestModels.flatRow(background, b));
            for (int f = 0; f < 12; f++) {
                mean[f] += g[f] / 3;
            }
        }
        for (int i = 0; i < 3; i++) {
            double[] gx = model.groupTerms(TestModels.flatRow(x, i));
            double[] phi = e.row(i).values();
            for (int f = 0; f < 12; f++) {
                assertThat(phi[f]).as("row %d feature %d", i, f).isCloseTo(gx[f] - mean[f], within(1e-9));
            }
            assertThat(e.row(i).evaluations()).isEqualTo((2 + 36) * 3);
        }
    }

    @Test
    void allCoalitionsGiveTheExactShapleyValues() {
        TinyCnn cnn = new TinyCnn();
        INDArray row = Batching.rows(X, 1, 2).dup();
        ShapleyExplanation e = new KernelShap(cnn, KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(4))
                .withBaseline(Baseline.constant(0.2)).withSamples(1 << 20).withBatch(BatchPolicy.ofRows(1024))).explain(row, Target.classIndex(1));
        // shap v0.49.1's own KernelExplainer on the same 16-cell game, every coalition, l1_reg=False (anchor/,
        // anchor_reference.py; it equals the brute-force Shapley values to 1.5e-15 relative)
        INDArray shap = TinyCnn.load("anchor", "shap_kernel_grid4");
        double[] phi = e.row(0).values();
        for (int f = 0; f < 16; f++) {
            assertThat(phi[f]).isCloseTo(shap.getDouble(1, f), within(1e-9));
        }
        assertThat(e.row(0).evaluations()).isEqualTo(65536);
        // shap's default l1_reg="num_features(10)" keeps 10 of the 16 features even with every coalition
        // evaluated: 6 values per row are 0 and the rest absorb them (measured: 0.188951 of the largest value).
        INDArray shapDefault = TinyCnn.load("anchor", "shap_kernel_grid4_default");
        int zeros = 0;
        double diff = 0;
        double scale = 0;
        for (int f = 0; f < 16; f++) {
            zeros += shapDefault.getDouble(1, f) == 0 ? 1 : 0;
            diff = Math.max(diff, Math.abs(shapDefault.getDouble(1, f) - phi[f]));
            scale = Math.max(scale, Math.abs(phi[f]));
        }
        assertThat(zeros).isEqualTo(6);
        assertThat(diff / scale).isCloseTo(0.188951, within(1e-6));
    }

    /**
     * Error against the exact values falls as the sample count grows, and efficiency holds to 1e-6 at every
     * count. Writes the table to target/kernelshap-convergence.md (quoted in docs/benchmarks.md).
     */
    @Test
    void convergesToExactShapleyAndKeepsEfficiencyAtEverySampleCount() throws IOException {
        TinyCnn cnn = new TinyCnn();
        INDArray row = Batching.rows(X, 0, 1).dup();
        double[] exact = TinyCnn.load("exact_shapley_grid4").getRow(0).toDoubleVector();
        double norm = 0;
        for (double v : exact) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        int[] counts = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};
        double[] rel = new double[counts.length];
        StringBuilder table = new StringBuilder("| samples | max abs error | relative L2 error | efficiency gap |\n|---:|---:|---:|---:|\n");
        for (int c = 0; c < counts.length; c++) {
            ShapleyExplanation e = new KernelShap(cnn, KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(4))
                    .withBaseline(Baseline.constant(0.2)).withSamples(counts[c]).withSeed(11).withBatch(BatchPolicy.ofRows(1024)))
                    .explain(row, Target.classIndex(1));
            double[] phi = e.row(0).values();
            double maxAbs = 0;
            double l2 = 0;
            for (int f = 0; f < 16; f++) {
                maxAbs = Math.max(maxAbs, Math.abs(phi[f] - exact[f]));
                l2 += (phi[f] - exact[f]) * (phi[f] - exact[f]);
            }
            rel[c] = Math.sqrt(l2) / norm;
            double gap = e.row(0).efficiencyGap();
            assertThat(Math.abs(gap)).as("efficiency at %d samples", counts[c]).isLessThan(1e-6);
            table.append(String.format(Locale.ROOT, "| %d | %.3e | %.3e | %.1e |%n", counts[c], maxAbs, rel[c], gap));
        }
        Path out = Path.of("target", "kernelshap-convergence.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
        assertThat(rel[rel.length - 1]).isLessThan(0.02);
        assertThat(rel[rel.length - 1]).isLessThan(rel[0] / 10);
        assertThat(rel[8]).isLessThan(rel[2]);
    }

    @Test
    void sameSeedSameBitsAndPairedSamplingIsTheDefault() {
        TinyCnn cnn = new TinyCnn();
        KernelShapConfig cfg = KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)).withSamples(100).withSeed(5);
        assertThat(cfg.paired()).isTrue();
        double[] a = new KernelShap(cnn, cfg).explain(X, Target.classIndex(2)).row(1).values();
        double[] b = new KernelShap(cnn, cfg).explain(Batching.rows(X, 1, 2).dup(), Target.classIndex(2)).row(0).values();
        assertThat(a).containsExactly(b);
    }

    @Test
    void fewerSamplesThanFeaturesIsRefusedBeforeAnyModelCall() {
        TinyCnn cnn = new TinyCnn();
        KernelShap ks = new KernelShap(cnn, KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)).withSamples(15));
        assertThatThrownBy(() -> ks.explain(X, Target.classIndex(0)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("samples=15")
                .hasMessageContaining("16 features");
        assertThat(cnn.rowsSeen).isZero();
    }

    @Test
    void samplerEnumeratesSmallSizesCompletelyAndWeightsSumToOne() {
        KernelShapSampler.Design d = KernelShapSampler.sample(10, 100, true, Rng.seeded(1));
        assertThat(d.coalitions()).hasSize(100);
        double sum = 0;
        for (double w : d.weights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        // Sizes 1 and 9 (10 + 10 coalitions) fit the budget and come first with the exact kernel weight.
        double kernel1 = 9.0 / (1 * 9);
        double kernel2 = 9.0 / (2 * 8);
        double kernel3 = 9.0 / (3 * 7);
        double kernel4 = 9.0 / (4 * 6);
        double kernel5 = 9.0 / (5 * 5);
        double total = 2 * (kernel1 + kernel2 + kernel3 + kernel4) + kernel5;
        for (int k = 0; k < 20; k++) {
            int size = 0;
            for (boolean b : d.coalitions().get(k)) {
                size += b ? 1 : 0;
            }
            assertThat(size).isIn(1, 9);
            assertThat(d.weights()[k]).isCloseTo(kernel1 / total / 10, within(1e-15));
        }
    }

    @Test
    void samplerKeepsApartCoalitionsThatDifferOnlyPastThe64thFeature() {
        KernelShapSampler.Design d = KernelShapSampler.sample(66, 700, true, Rng.seeded(3));
        assertThat(d.coalitions()).hasSize(700);
        Set<String> distinct = new HashSet<>();
        for (boolean[] c : d.coalitions()) {
            StringBuilder members = new StringBuilder();
            for (boolean b : c) {
                members.append(b ? '1' : '0');
            }
            distinct.add(members.toString());
        }
        assertThat(distinct).hasSize(700);
        // the 66 single features (among them 64 and 65) and their complements come first, each once
        for (int f = 0; f < 66; f++) {
            assertThat(d.coalitions().get(2 * f)[f]).isTrue();
            assertThat(d.coalitions().get(2 * f + 1)[f]).isFalse();
        }
    }

    /**
     * The least squares gives the bits of the plain normal equations: every entry of Σ w·x·xᵀ and Σ w·x·y summed over
     * the coalitions in order, zero terms included, with x = z[0..F−1) − z[F−1] and y = v − base − z[F−1]·delta, solved
     * by the same Cholesky solver. Random weights make any regrouping or reordering of a sum show in the last bits.
     */
    @Test
    void leastSquaresMatchesTheDenseNormalEquationsBitForBit() {
        Random r = new Random(5);
        for (int m : new int[] {2, 3, 7, 20}) {
            for (int n : new int[] {m + 1, 3 * m + 4, 200}) {
                List<boolean[]> z = new ArrayList<>();
                double[] w = new double[n];
                double[] v = new double[n];
                for (int k = 0; k < n; k++) {
                    double density = k % 5 == 0 ? 0.1 : k % 5 == 1 ? 0.9 : 0.5; // near-empty, near-full and mixed
                    boolean[] c = new boolean[m];
                    for (int j = 0; j < m; j++) {
                        c[j] = r.nextDouble() < density;
                    }
                    z.add(c);
                    w[k] = 0.01 + r.nextDouble();
                    v[k] = r.nextGaussian();
                }
                double base = 0.3;
                double delta = -1.7;
                double[] got = KernelShap.solveConstrained(z, w, v, base, delta);
                double[][] normal = denseNormalEquations(z, w, v, base, delta);
                double[] head = SymmetricSolver.solve(Arrays.copyOf(normal, m - 1), normal[m - 1]);
                double headSum = 0;
                for (int j = 0; j < m - 1; j++) {
                    assertThat(Double.doubleToRawLongBits(got[j])).as("m=%d n=%d value %d", m, n, j)
                            .isEqualTo(Double.doubleToRawLongBits(head[j]));
                    headSum += head[j];
                }
                assertThat(Double.doubleToRawLongBits(got[m - 1])).isEqualTo(Double.doubleToRawLongBits(delta - headSum));
            }
        }
    }

    /** The F−1 rows of Σ w·x·xᵀ, then Σ w·x·y as row F−1, every term added in the order of the coalitions. */
    private static double[][] denseNormalEquations(List<boolean[]> z, double[] w, double[] v, double base,
                                                   double delta) {
        int p = z.get(0).length - 1;
        double[][] normal = new double[p + 1][p];
        for (int k = 0; k < z.size(); k++) {
            boolean[] c = z.get(k);
            double last = c[p] ? 1 : 0;
            double[] x = new double[p];
            for (int j = 0; j < p; j++) {
                x[j] = (c[j] ? 1 : 0) - last;
            }
            double y = v[k] - base - last * delta;
            for (int i = 0; i < p; i++) {
                normal[p][i] += w[k] * x[i] * y;
                for (int j = 0; j < p; j++) {
                    normal[i][j] += w[k] * x[i] * x[j];
                }
            }
        }
        return normal;
    }
}
