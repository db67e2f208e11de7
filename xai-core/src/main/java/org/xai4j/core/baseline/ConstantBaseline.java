package org.xai4j.core.baseline;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;

/** The same value in every element. */
public record ConstantBaseline(double value) implements Baseline {
    static final ConstantBaseline ZERO = new ConstantBaseline(0.0);

    /**
     * Checks {@code value}.
     *
     * @param value the value of every element
     * @throws org.xai4j.core.NonFiniteValueException if {@code value} is NaN or infinite
     */
    public ConstantBaseline {
        if (!Double.isFinite(value)) {
            throw new org.xai4j.core.NonFiniteValueException("baseline constant must be finite but was " + value);
        }
    }

    @Override
    public INDArray referenceFor(INDArray input, Rng rng) {
        Checks.requireArray(input, "input");
        return Nd4j.valueArrayOf(input.shape(), value, input.dataType());
    }

    @Override
    public String describe() {
        return value == 0.0 ? "zeros" : "constant " + value;
    }
}
