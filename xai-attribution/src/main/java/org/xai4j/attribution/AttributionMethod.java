package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explainer;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.attribution.internal.Prepared;

/**
 * An attribution explainer over ND4J batches whose row i depends only on row i of the input and of the
 * target. Besides the checked {@link #explain}, it offers {@link #attributeChecked}, the bare computation
 * on input that is already validated and a target that is already resolved, so that wrappers such as
 * {@link NoiseTunnel} can feed it expanded batches (noisy copies of each row) without validating and
 * resolving the target again for every copy.
 */
public interface AttributionMethod extends Explainer<INDArray, Attribution> {
    /**
     * The model being explained.
     *
     * @return the prediction function this method was built on, never null
     */
    PredictionFunction model();

    /**
     * The attribution values for rows that have passed {@link org.xai4j.core.model.ModelCalls#requireInput}
     * and a target {@link Target#resolve resolved} for exactly these rows (one class per row, not
     * "predicted"). Row i of the result depends only on row i of {@code input} and of the target;
     * {@code input} is not modified. The result has {@code input.size(0)} rows; its row shape is the
     * method's ({@link #explain} reports the same values).
     *
     * @param input    the input batch, N × (the model's input row shape), already validated
     * @param resolved a target resolved for exactly these N rows (one class index per row)
     * @return a new array of N rows with the attribution of each row
     */
    INDArray attributeChecked(INDArray input, Target resolved);

    /**
     * The rows {@link #attributeChecked} sends through the model per input row (for Integrated Gradients its
     * steps), so that a wrapper such as {@link NoiseTunnel} can state its plan before running.
     *
     * @return the number of model passes per input row, ≥ 1
     */
    long checkedPassesPerRow();

    /**
     * {@link #explain} of a method with no baseline, seed or convergence delta: validate the input and resolve the
     * target (one forward in batches of {@code batch}), {@link #attributeChecked}, record the provenance.
     *
     * @param method the method whose {@link #attributeChecked} computes the values
     * @param input  the input batch, N × (the model's input row shape)
     * @param target the classes to explain, resolved against the model's output for {@code input}
     * @param batch  how many rows go through the model at once for the forward that resolves the target
     * @return the attribution, with no convergence delta and a provenance without seed or baseline
     * @throws org.xai4j.core.XaiException if the input does not fit the model or the target cannot be resolved
     */
    static Attribution explainPlain(AttributionMethod method, INDArray input, Target target, BatchPolicy batch) {
        Prepared p = Prepared.of(method.model(), input, target, batch);
        INDArray values = method.attributeChecked(input, p.resolved());
        return new Attribution(values, null, Provenance.of(method.descriptor(), method.model(),
                p.resolved().describe(), null, null));
    }
}
