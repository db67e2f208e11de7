package org.xai4j.core;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Batching;

/**
 * Per-element relevance with the input's shape, and optionally one convergence delta per row (for
 * Integrated Gradients: Σ attribution − (f(x) − f(baseline)); for DeepLIFT and LRP the analogous
 * conservation error). Owns copies of its arrays; the accessors return them without copying, so treat
 * them as read-only.
 */
public final class Attribution implements MappedExplanation {
    private final INDArray values;
    private final INDArray convergenceDelta;
    private final Provenance provenance;

    /**
     * @param values           the relevance values, the input's shape (copied)
     * @param convergenceDelta one completeness gap per row, or null when the method reports none (copied)
     * @param provenance       how the values were made
     */
    public Attribution(INDArray values, INDArray convergenceDelta, Provenance provenance) {
        this(values, convergenceDelta, provenance, false);
    }

    /**
     * An attribution that keeps {@code values} and {@code convergenceDelta} themselves instead of copies (arrays
     * in a workspace are still detached): for a method that made both arrays for this result alone and holds no
     * other reference to them. Saves the two native copies the constructor makes per call.
     *
     * @param values           the relevance values, the input's shape; kept, so nothing may write it afterwards
     * @param convergenceDelta one completeness gap per row, or null; kept, as {@code values}
     * @param provenance       how the values were made
     * @return the attribution
     */
    public static Attribution ofOwnArrays(INDArray values, INDArray convergenceDelta, Provenance provenance) {
        return new Attribution(values, convergenceDelta, provenance, true);
    }

    private Attribution(INDArray values, INDArray convergenceDelta, Provenance provenance, boolean keep) {
        if (values == null) {
            throw new XaiException("attribution values must not be null");
        }
        if (convergenceDelta != null && convergenceDelta.length() != values.size(0)) {
            throw new InvalidShapeException("convergence delta needs one value per row (" + values.size(0)
                    + ") but has shape " + Arrays.toString(convergenceDelta.shape()));
        }
        this.values = keep ? detached(values) : own(values);
        if (convergenceDelta == null) {
            this.convergenceDelta = null;
        } else {
            INDArray d = keep ? detached(convergenceDelta) : own(convergenceDelta);
            this.convergenceDelta = d.rank() == 1 ? d : d.reshape(values.size(0));
        }
        this.provenance = provenance;
    }

    /** A copy that belongs to no workspace and shares no buffer with the caller. */
    static INDArray own(INDArray a) {
        return a.isAttached() ? a.detach() : a.dup();
    }

    /** {@code a} itself, or its copy out of a workspace. */
    private static INDArray detached(INDArray a) {
        return a.isAttached() ? a.detach() : a;
    }

    /**
     * The relevance values.
     *
     * @return the values, the input's shape
     */
    public INDArray values() {
        return values;
    }

    /**
     * The relevance values, as {@link #values()}.
     *
     * @return the values, the input's shape
     */
    @Override
    public INDArray map() {
        return values;
    }

    /**
     * The convergence deltas.
     *
     * @return one delta per row, when the method reports one
     */
    public Optional<INDArray> convergenceDelta() {
        return Optional.ofNullable(convergenceDelta);
    }

    /**
     * One row's values.
     *
     * @param i the row
     * @return the values of row {@code i}, shape 1×…
     */
    public INDArray row(int i) {
        return Batching.rows(values, i, i + 1);
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "Attribution" + Arrays.toString(values.shape()) + " by " + provenance.method();
    }
}
