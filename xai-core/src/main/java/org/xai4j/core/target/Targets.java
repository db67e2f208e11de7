package org.xai4j.core.target;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared arithmetic for the linear targets. */
final class Targets {
    private Targets() {
    }

    /** Σ over all but the first axis of output ⊙ seed: one score per row. */
    static INDArray linearScores(INDArray output, INDArray seed) {
        INDArray prod = output.mul(seed);
        long n = output.size(0);
        return prod.reshape(n, -1).sum(1);
    }
}
