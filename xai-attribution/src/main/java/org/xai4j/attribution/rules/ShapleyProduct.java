package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.util.NativeBuffers;

/**
 * DeepLIFT at a product of two inputs (element-wise {@code Mul}, {@code MatMul}): the two-player Shapley split
 * of the change, Δ(ab) = Δa·(b + b′)/2 + (a + a′)/2·Δb, which is the node's plain gradient evaluated at the
 * midpoint of input and reference. Exact for any bilinear node, so it conserves; a constant operand makes it
 * the plain gradient.
 */
public final class ShapleyProduct implements BackwardRule {
    /** The one instance (the rule is stateless). */
    public static final ShapleyProduct INSTANCE = new ShapleyProduct();

    private ShapleyProduct() {
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        Temporaries.requireReference(c, describe());
        int k = c.inputCount();
        INDArray[] mid = new INDArray[k];
        int constants = 0;
        for (int i = 0; i < k; i++) {
            if (!c.needsGradient(i)) {
                constants++;
            }
        }
        int[] constant = new int[constants];
        for (int i = 0, j = 0; i < k; i++) {
            mid[i] = c.input(i).add(c.referenceInput(i)).muli(0.5);
            if (!c.needsGradient(i)) {
                constant[j++] = i;
            }
        }
        INDArray[] out = c.node().backward(BackwardContext.of(c.node(), mid, c.output(), c.upstream(), constant),
                c.upstream());
        for (INDArray m : mid) {
            boolean returned = false;
            for (INDArray o : out) {
                returned |= o != null && NativeBuffers.root(o) == NativeBuffers.root(m);
            }
            if (!returned) {
                Temporaries.free(m);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "shapley-product";
    }
}
