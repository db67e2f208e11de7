package org.xai4j.attribution.lrp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;

/**
 * What relevance the backward pass starts from at the model output.
 *
 * <ul>
 *   <li>{@link #ONE_HOT} (default, zennit's {@code attributor(x, one_hot)}): 1 at the target class of each row, 0
 *       elsewhere. Where every rule conserves, the input relevance of a row sums to 1 (minus what biases and
 *       stabilisers absorb): the map says how the explained score is shared, not how large it is.</li>
 *   <li>{@link #LOGIT}: the target's own score (the logit) at the target class. Every rule is linear in the
 *       relevance it receives, so the result is the one-hot map times the logit, and where the rules conserve it
 *       sums to the logit f_c(x) — the classic LRP statement {@code Σ_i R_i ≈ f_c(x)}; a negative logit flips the
 *       map's sign.</li>
 * </ul>
 */
public enum RelevanceInit {
    /** 1 at the target class of each row, 0 elsewhere (zennit's one-hot); the default. */
    ONE_HOT,
    /** The target's own score (the logit) at the target class, 0 elsewhere: the result sums to the logit. */
    LOGIT;

    /**
     * The target whose seed is this initial relevance ({@code resolved} for one-hot). Apply it to a target already
     * narrowed to the rows of the batch it seeds: the logit target does not follow row selection.
     *
     * @param resolved the explained target, resolved to one class per row of the batch
     * @return {@code resolved} itself for {@link #ONE_HOT}; for {@link #LOGIT}, a target with the same scores whose
     *         seed is {@code resolved}'s one-hot seed times the model output (the logit at the target class, 0
     *         elsewhere)
     */
    public Target apply(Target resolved) {
        if (this == ONE_HOT) {
            return resolved;
        }
        return Target.function("logit of " + resolved.describe(), resolved::scores,
                (INDArray out) -> resolved.seed(out).mul(out));
    }
}
