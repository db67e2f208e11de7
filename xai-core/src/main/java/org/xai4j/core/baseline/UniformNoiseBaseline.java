package org.xai4j.core.baseline;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;

/** Independent uniform noise in [lo, hi). */
public record UniformNoiseBaseline(double lo, double hi) implements Baseline {
    /**
     * Checks the bounds.
     *
     * @param lo the inclusive lower bound, finite
     * @param hi the exclusive upper bound, finite, above {@code lo}
     * @throws InvalidConfigException unless both are finite and {@code lo < hi}
     */
    public UniformNoiseBaseline {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new InvalidConfigException("uniform noise needs finite lo < hi but got [" + lo + ", " + hi + ")");
        }
    }

    @Override
    public INDArray referenceFor(INDArray input, Rng rng) {
        Checks.requireArray(input, "input");
        return rng.uniform(input.dataType(), lo, hi, input.shape());
    }

    @Override
    public boolean isRandom() {
        return true;
    }

    @Override
    public String describe() {
        return "uniform noise [" + lo + ", " + hi + ")";
    }
}
