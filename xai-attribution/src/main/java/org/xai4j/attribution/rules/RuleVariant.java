package org.xai4j.attribution.rules;

/**
 * Which DeepLIFT rule to use at the two nodes where Captum's rule does not conserve the change of the output
 * (summation-to-delta): max pooling and softmax. Every other node's rule conserves exactly either way.
 */
public enum RuleVariant {
    /**
     * Captum's rule. <b>Max pooling:</b> each window's change is split by the cross maximum,
     * max(y, y′) − y′ to the input's arg-max and y − max(y, y′) to the reference's arg-max, each routed back
     * with max-unpooling and divided by the input change at that position. Max-unpooling writes rather than
     * adds, so where windows overlap (kernel &gt; stride) a position that wins several windows keeps only the
     * last window's value (in row-major order, as PyTorch's CPU kernel does) and the others' change is lost.
     * Non-overlapping windows conserve exactly. <b>Softmax:</b> the element-wise rescale (the softmax
     * vector–Jacobian product where |x − x′| &lt; ε) minus its mean over each softmax vector; this does not
     * conserve in general (Captum takes the mean over the whole batch tensor instead, mixing rows).
     */
    CAPTUM,
    /**
     * Rules that conserve exactly. <b>Max pooling:</b> the same cross-maximum split, but a position that wins
     * several overlapping windows receives the sum of their changes. <b>Softmax:</b> written as e = exp(x − c),
     * S = Σe, y = e/S, with the rescale rule at exp, the plain gradient at the sum and the two-player Shapley
     * split at the quotient (c is the largest of x and x′ in the vector, for stability).
     */
    EXACT
}
