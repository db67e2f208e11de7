package org.xai4j.concepts.tcav;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explanation;
import org.xai4j.core.Provenance;
import org.xai4j.core.target.Target;

/**
 * Conceptual sensitivity per input (Kim et al. 2018, eq. 1): the directional derivative of each row's target score
 * along each of a concept's CAVs (one per random set).
 *
 * @param derivatives N × M, M = the number of CAVs
 * @param target      the target after resolution
 * @param provenance  how it was made
 */
public record TcavSensitivity(INDArray derivatives, Target target, Provenance provenance) implements Explanation {
}
