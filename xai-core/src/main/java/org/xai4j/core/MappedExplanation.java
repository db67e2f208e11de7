package org.xai4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An explanation with one relevance map per input row, read the same way whatever the method: an
 * {@link Attribution}'s values (the input's shape, N×C×H×W for images), a CAM's map (N×H×W), a Shapley or
 * LIME explanation's per-feature values spread over the input. Pictures ({@code xai-viz}'s
 * {@code Heatmaps.overlay}) take any of them.
 */
public interface MappedExplanation extends Explanation {
    /**
     * The per-input maps.
     *
     * @return the maps; row {@code i} of the first axis belongs to input row {@code i}
     */
    INDArray map();
}
