package org.xai4j.concepts.ice;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explanation;
import org.xai4j.core.Provenance;
import org.xai4j.core.target.Target;

/**
 * Concepts in a batch of images.
 *
 * @param maps        S on the layer's grid, N × K × h × w: how strongly each concept is present where
 * @param heatmaps    the maps resized bilinearly (half-pixel centres) to the input's H × W, N × K × H × W
 * @param scores      the spatial means of the maps, N × K
 * @param derivatives the directional derivative of each row's target score along each concept direction added at
 *                    every position of the layer, N × K (positive: the concept raises the target)
 * @param target      the target after resolution
 * @param provenance  how it was made
 */
public record IceExplanation(INDArray maps, INDArray heatmaps, INDArray scores, INDArray derivatives, Target target,
                             Provenance provenance) implements Explanation {
}
