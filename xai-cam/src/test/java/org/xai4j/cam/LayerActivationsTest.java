package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-plane and per-element weightings the CAM methods are written with, on a 1×2×1×2 layer worked by hand. */
class LayerActivationsTest {
    // Row 0: channel 0 has A = (1, 2), G = (3, −4); channel 1 has A = (5, 6), G = (−7, 8).
    private static final LayerActivations LAYER = new LayerActivations("l", 1, 2, 1, 2,
            new double[] {1, 2, 5, 6}, new double[] {3, -4, -7, 8});

    @Test
    void planeWeightsVisitEachPlaneOnceWithItsIndexRange() {
        double[] w = LAYER.planeWeights((a, g, from, to) -> from * 100 + to);
        assertThat(w).containsExactly(0 * 100 + 2, 2 * 100 + 4);
    }

    @Test
    void planeWeightsSeeTheActivationAndGradient() {
        // Grad-CAM's weight, the plane's mean gradient: (3 − 4)/2 and (−7 + 8)/2.
        double[] w = LAYER.planeWeights((a, g, from, to) -> MapOps.sum(g, from, to) / (to - from));
        assertThat(w).containsExactly(-0.5, 0.5);
        // Σ A per plane: 1 + 2 and 5 + 6.
        assertThat(LAYER.planeWeights((a, g, from, to) -> MapOps.sum(a, from, to))).containsExactly(3, 11);
    }

    @Test
    void gradientWeightedAppliesTheFunctionToEachGradientAndActivationPair() {
        assertThat(LAYER.gradientWeighted((g, a) -> g * a)).containsExactly(3, -8, -35, 48);
        assertThat(LAYER.gradientWeighted((g, a) -> g > 0 ? g * a : 0)).containsExactly(3, 0, 0, 48);
    }

    @Test
    void sumAddsTheHalfOpenRange() {
        assertThat(MapOps.sum(new double[] {1, 2, 4, 8}, 1, 3)).isEqualTo(6);
        assertThat(MapOps.sum(new double[] {1, 2}, 1, 1)).isEqualTo(0);
    }
}
