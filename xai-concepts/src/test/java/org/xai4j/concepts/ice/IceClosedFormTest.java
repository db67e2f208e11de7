package org.xai4j.concepts.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.concepts.Resize;
import org.xai4j.concepts.nmf.NegativeValueException;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/** ICE on the test kit's conv net, where the layer gradient has a closed form, and its bad-input errors. */
class IceClosedFormTest {
    static final TinyConvNet NET = TinyConvNet.random(3, 2, 6, 4, 3, 5, 6);
    static final INDArray X = Rng.seeded(5).uniform(DataType.DOUBLE, -1, 1, 12, 2, 5, 6);

    @Test
    void directionalDerivativesHaveTheClosedForm() {
        IceConcepts concepts = Ice.fit(NET, IceConfig.of("relu", 3).withBatch(org.xai4j.core.util.BatchPolicy.ofRows(5)), X);
        int[] classes = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
        IceExplanation e = new Ice(NET, concepts).explain(X, Target.perRow(classes));
        double[] p = concepts.directionValues();
        // ∂y_k/∂relu[f,y,x] = W[k][f]/(H·W): summed over the 5×6 positions, Σ_f W[k][f]·P[j,f]
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = 0;
                for (int f = 0; f < 6; f++) {
                    expected += NET.headWeight(classes[i], f) * p[j * 6 + f];
                }
                assertThat(e.derivatives().getDouble(i, j)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        // scores are the spatial means of the maps
        assertThat(e.maps().mean(2, 3).sub(e.scores()).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(e.heatmaps().shape()).containsExactly(12, 3, 5, 6);
    }

    @Test
    void exactConceptsGiveExactMapsAndFullFidelity() {
        // with K = C = 6 the directions span the whole non-negative orthant the rows live in
        IceConcepts concepts = Ice.fit(NET, IceConfig.of("relu", 6).withNmf(IceConfig.DEFAULTS.nmf().withComponents(6)
                .withTolerance(1e-12).withMaxIterations(20000)), X);
        IceFidelity.Fidelity f = IceFidelity.measure(NET, concepts, X, null);
        System.out.printf("tiny conv, K = C = 6: fit error %.2e, held error %.2e, agreement %.3f%n",
                concepts.relativeError(), f.relativeError(), f.agreement());
        assertThat(f.relativeError()).isLessThan(1e-6);
        assertThat(f.agreement()).isEqualTo(1.0);
        assertThat(f.accuracy()).isNaN();
    }

    @Test
    void bilinearResizeMatchesTorchHalfPixel() {
        // torch.nn.functional.interpolate([[1,2],[3,4]], size=(4,4), mode='bilinear', align_corners=False)
        double[] expected = {1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4};
        assertThat(Resize.bilinear(new double[] {1, 2, 3, 4}, 1, 2, 2, 4, 4)).containsExactly(expected);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("conv", 2), X)).isInstanceOf(NegativeValueException.class)
                .hasMessageContaining("layer 'conv'").hasMessageContaining("ReLU");
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("gap", 2), X)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("layer 'gap'").hasMessageContaining("N×C×h×w");
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("relu", 7), X)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("K = 7").hasMessageContaining("C = 6");
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("rleu", 2), X)).isInstanceOf(UnknownLayerException.class)
                .hasMessageContaining("relu");
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.DEFAULTS, X)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("layer");
        int[] labels = new int[12];
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("relu", 2), X, labels, 3))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("label 3");
        assertThatThrownBy(() -> Ice.fit(NET, IceConfig.of("relu", 2), X, new int[3], 0))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("12");
        assertThatThrownBy(() -> IceConfig.of("relu", 2).withPresenceThreshold(2)).isInstanceOf(InvalidConfigException.class);
        IceConcepts concepts = Ice.fit(NET, IceConfig.of("relu", 2), X);
        TinyConvNet other = TinyConvNet.random(3, 2, 5, 4, 3, 5, 6);
        assertThatThrownBy(() -> new Ice(other, concepts).explain(X, Target.predicted()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("5 channels");
    }

    @Test
    void perClassFitUsesOnlyThatClass() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        IceConcepts c = Ice.fit(NET, IceConfig.of("relu", 2), X, labels, 1);
        assertThat(c.images()).isEqualTo(6);
        assertThat(c.classIndex()).isEqualTo(1);
        assertThat(c.provenance().target()).isEqualTo("class 1");
        INDArray odd = Nd4j.concat(0, X.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(1, 3, 5, 7, 9, 11)));
        IceConcepts direct = Ice.fit(NET, IceConfig.of("relu", 2), odd);
        assertThat(c.directionValues()).isEqualTo(direct.directionValues());
    }

    @Test
    void rankingAndPresence() {
        double[] scores = {0.1, 4, 0.9, 1, 0.5, 0, 0.8, 2}; // 4 images × 2 concepts
        assertThat(ConceptStats.top(scores, 2, 0, 2)).containsExactly(1, 3);
        assertThat(ConceptStats.bottom(scores, 2, 1, 2)).containsExactly(2, 1);
        double[][] pres = ConceptStats.presence(scores, 2, new int[] {0, 0, 1, 1}, 3, 0.5);
        // concept 0: max 0.9, present at ≥ 0.45 → images 1, 2, 3; concept 1: max 4, ≥ 2 → images 0, 3
        assertThat(pres[0]).containsExactly(0.5, 0.5);
        assertThat(pres[1]).containsExactly(1.0, 0.5);
        assertThat(pres[2][0]).isNaN();
    }
}
