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
    void permutationIsAPermutation() {
        int[] p = Rng.seeded(3).permutation(50);
        assertThat(p).hasSize(50).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(p).sum()).isEqualTo(49 * 50 / 2);
    }
}
