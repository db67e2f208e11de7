package org.xai4j.cam;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;

/**
 * What a weighting sees besides the layer: the input the maps are computed for (after any augmentation),
 * the target resolved on the original input, and the model's output for {@code input}.
 *
 * @param input  the N-row input batch; never modified
 * @param target the resolved target (concrete classes or a mask)
 * @param output the model output for {@code input}
 */
public record CamContext(INDArray input, Target target, INDArray output) {
}
