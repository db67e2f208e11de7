package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;

class NamesAndRngTest {
    @Test
    void closestNamesPreferSubstringsThenEditDistance() {
        List<String> layers = List.of("conv1", "conv2", "layer4.1.conv2", "fc", "relu");
        assertThat(Names.closest("conv", layers, 3)).containsExactly("conv1", "conv2", "layer4.1.conv2");
        assertThat(Names.closest("rleu", layers, 3)).containsExactly("relu");
        assertThat(Names.closest("completely-different-name", layers, 3)).isEmpty();
        assertThat(Names.levenshtein("kitten", "sitting")).isEqualTo(3);
        List<String> resnet = List.of("/layer1/layer1.0/relu/Relu", "/layer1/layer1.0/conv1/Conv", "/layer2/layer2.0/relu/Relu");
        assertThat(Names.closest("/layer1/relu", resnet, 3)).containsExactly("/layer1/layer1.0/relu/Relu");
    }

    @Test
    void unknownLayerMessageListsSuggestions() {
        UnknownLayerException e = new UnknownLayerException("layer4.1.conv", List.of("layer4.1.conv2", "layer4.1.conv1"));
        assertThat(e.getMessage()).isEqualTo("unknown layer 'layer4.1.conv'; did you mean 'layer4.1.conv2', 'layer4.1.conv1'?");
        assertThat(new UnknownLayerException("x", List.of()).getMessage()).isEqualTo("unknown layer 'x'");
    }

    @Test
    void sameSeedSameBitsDifferentSeedDifferentBits() {
        INDArray a = Rng.seeded(42).gaussian(DataType.FLOAT, 1, 4, 5);
        INDArray b = Rng.seeded(42).gaussian(DataType.FLOAT, 1, 4, 5);
        INDArray c = Rng.seeded(43).gaussian(DataType.FLOAT, 1, 4, 5);
        assertThat(a.data().asFloat()).isEqualTo(b.data().asFloat());
        assertThat(a.data().asFloat()).isNotEqualTo(c.data().asFloat());
    }

    @Test
    void gaussianMomentsAreRight() {
        // 200k draws: the sample mean's standard error is 0.0022 and the variance's 0.0032.
        double[] v = Rng.seeded(7).gaussian(DataType.DOUBLE, 2.0, 200_000).data().asDouble();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        var /= v.length - 1;
        assertThat(mean).isBetween(-0.02, 0.02);
        assertThat(var).isBetween(3.95, 4.05);
    }

    @Test
    void gaussianFollowsTheNormalDistributionIncludingItsTails() {
        // 1M draws: Kolmogorov–Smirnov distance to Φ below the 0.1% critical value 1.95/√n; the counts beyond
        // 3.4426 (the ziggurat's tail start) and beyond 4 within 5 standard errors of n·2(1 − Φ(t)); kurtosis 3.
        int n = 1_000_000;
        Rng rng = Rng.seeded(11);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = normalCdf(sorted[i]);
            ks = Math.max(ks, Math.max(cdf - (double) i / n, (i + 1.0) / n - cdf));
        }
        assertThat(ks).isLessThan(1.95 / Math.sqrt(n));
        for (double t : new double[] {3.442619855899, 4.0}) {
            double p = 2 * (1 - normalCdf(t));
            long beyond = java.util.Arrays.stream(v).filter(x -> Math.abs(x) > t).count();
            assertThat((double) beyond).isCloseTo(n * p, org.assertj.core.data.Offset.offset(5 * Math.sqrt(n * p)));
        }
        double m2 = 0;
        double m4 = 0;
        for (double x : v) {
            m2 += x * x;
            m4 += x * x * x * x;
        }
        assertThat(m4 / n / Math.pow(m2 / n, 2)).isBetween(2.97, 3.03);
    }

    /** Φ(x) through Numerical Recipes' Chebyshev fit of erfc (relative error below 1.2e-7). */
    private static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Rng.seeded(3).permutation(50);
        assertThat(p).hasSize(50).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(p).sum()).isEqualTo(49 * 50 / 2);
    }
}
