package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.graph.node.DivNode;
import org.xai4j.core.graph.node.ElementwiseNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.SoftmaxNode;

/**
 * DeepLIFT's backward pass (Shrikumar, Greenside &amp; Kundaje, "Learning Important Features Through
 * Propagating Activation Differences", ICML 2017) at every node of a graph, given the reference's forward
 * values. What flows back is the multiplier m = ∂(contribution)/∂(change): at the input, attribution =
 * m ⊙ (x − x′).
 *
 * <ul>
 *   <li>Element-wise nonlinearities (ReLU, leaky ReLU, sigmoid, tanh, SiLU, GELU, erf, hard sigmoid, hard
 *       swish, clip): the Rescale rule m_in = m_out ⊙ (y − y′)/(x − x′), or the local derivative where
 *       |x − x′| &lt; ε (Captum's choice, ε = 10⁻¹⁰).</li>
 *   <li>Products of two inputs (Mul, MatMul): the two-player Shapley split of the change,
 *       Δ(ab) = Δa·(b + b′)/2 + (a + a′)/2·Δb, i.e. the plain gradient at the midpoint of input and reference.
 *       A constant operand makes this the plain gradient.</li>
 *   <li>Quotients (Div): the same split, m_a = (1/b + 1/b′)/2 and m_b = −(a + a′)/(2 b b′).</li>
 *   <li>Max pooling and softmax: {@link MaxPoolDeepLift} and {@link SoftmaxDeepLift}, Captum's rule or the
 *       exactly conserving one ({@link RuleVariant}).</li>
 *   <li>Every other node (convolution, dense, batch norm, average pooling, additions, shape operations,
 *       resizing) is linear in its inputs: the plain gradient, which conserves exactly.</li>
 * </ul>
 * Every rule above except {@link RuleVariant#CAPTUM}'s max-pool (overlapping windows) and softmax conserves
 * the change exactly, Σ m_in ⊙ Δin = Σ m_out ⊙ Δout, so the attributions sum to f(x) − f(x′).
 */
final class DeepLiftRule implements BackwardRule {
    /** Below this |x − x′| a nonlinearity passes its local derivative (Captum's {@code eps}). */
    static final double EPS = 1e-10;

    private final RuleVariant maxPool;
    private final RuleVariant softmax;

    DeepLiftRule(RuleVariant maxPool, RuleVariant softmax) {
        this.maxPool = maxPool;
        this.softmax = softmax;
    }

    /** DeepLIFT at every node. */
    static Composite composite(RuleVariant maxPool, RuleVariant softmax) {
        return Composite.builder().fallback(new DeepLiftRule(maxPool, softmax)).build();
    }

    private static boolean special(Node n) {
        return n instanceof ElementwiseNode || n instanceof MaxPoolNode || n instanceof SoftmaxNode
                || n instanceof MulNode || n instanceof MatMulNode || n instanceof DivNode;
    }

    @Override
    public Retention retention(Node node) {
        return special(node) ? Retention.ALL : node.retention();
    }

    @Override
    public INDArray[] backward(BackwardContext c) {
        Node n = c.node();
        if (!special(n)) {
            return c.gradient();
        }
        if (!c.hasReference()) {
            throw new IllegalStateException("DeepLIFT at node '" + n.name() + "' needs the reference's forward values:"
                    + " pass a reference in the Propagation");
        }
        if (n instanceof ElementwiseNode) {
            return new INDArray[] {rescale(c)};
        }
        if (n instanceof MaxPoolNode mp) {
            return new INDArray[] {MaxPoolDeepLift.multipliers(c, mp, maxPool == RuleVariant.EXACT)};
        }
        if (n instanceof SoftmaxNode sm) {
            return new INDArray[] {SoftmaxDeepLift.multipliers(c, sm, softmax == RuleVariant.EXACT)};
        }
        if (n instanceof DivNode) {
            return quotient(c);
        }
        return midpoint(c);
    }

    /**
     * g ⊙ Δy/Δx, or g ⊙ f′(x) where |Δx| &lt; ε. For a smooth function in a float graph, f(x) and f(x′) are
     * evaluated again in double precision from the stored inputs: the quotient of two float differences loses
     * about ulp(y)/|Δx| (measured: 8·10⁻⁴ relative error of DeepLiftShap on a dense net with GELU and SiLU),
     * while the quotient itself varies smoothly with x and x′. ReLU and leaky ReLU are piecewise linear, so
     * their float quotients are exact where x and x′ lie on one side of zero.
     */
    static INDArray rescale(BackwardContext c) {
        Node node = c.node();
        INDArray x = c.input(0);
        INDArray xr = c.referenceInput(0);
        INDArray y = c.output();
        INDArray yr = c.referenceOutput();
        INDArray g = c.upstream();
        boolean piecewiseLinear = node instanceof ReluNode || node instanceof LeakyReluNode;
        if (!piecewiseLinear && c.dataType() != DataType.DOUBLE) {
            x = x.castTo(DataType.DOUBLE);
            xr = xr.castTo(DataType.DOUBLE);
            y = node.forward(x);
            yr = node.forward(xr);
            g = g.castTo(DataType.DOUBLE);
        }
        INDArray dx = x.sub(xr);
        INDArray small = Transforms.abs(dx, true).lt(EPS).castTo(dx.dataType());
        boolean anySmall = small.sumNumber().doubleValue() > 0;
        INDArray m = y.sub(yr).muli(g).divi(dx.addi(small));
        if (anySmall) {
            INDArray local = c.gradient()[0].castTo(m.dataType());
            m.muli(small.rsub(1)).addi(local.muli(small));
        }
        return m.dataType() == c.dataType() ? m : m.castTo(c.dataType());
    }

    /** The node's gradient at the midpoint of input and reference (exact for bilinear nodes). */
    private static INDArray[] midpoint(BackwardContext c) {
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
        return c.node().backward(BackwardContext.of(c.node(), mid, c.output(), c.upstream(), constant), c.upstream());
    }

    /** a / b: m_a = g(1/b + 1/b′)/2, m_b = −g(a + a′)/(2bb′), each summed back to its operand's shape. */
    private static INDArray[] quotient(BackwardContext c) {
        INDArray g = c.upstream();
        INDArray a = c.input(0);
        INDArray ar = c.referenceInput(0);
        INDArray b = c.input(1);
        INDArray br = c.referenceInput(1);
        INDArray[] out = new INDArray[2];
        if (c.needsGradient(0)) {
            INDArray p = Transforms.pow(b, -1, true).addi(Transforms.pow(br, -1, true)).muli(0.5);
            out[0] = Broadcasts.sumTo(g.mul(aligned(p, g.shape())), c.inputShape(0));
        }
        if (c.needsGradient(1)) {
            INDArray q = aligned(a.add(ar), g.shape()).divi(aligned(b.mul(br), g.shape())).muli(-0.5);
            out[1] = Broadcasts.sumTo(g.mul(q), c.inputShape(1));
        }
        return out;
    }

    /** {@code a} broadcast to {@code shape} (a copy when it has to grow). */
    private static INDArray aligned(INDArray a, long[] shape) {
        if (java.util.Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray r = a;
        if (r.rank() < shape.length) {
            long[] s = new long[shape.length];
            java.util.Arrays.fill(s, 1);
            System.arraycopy(a.shape(), 0, s, shape.length - a.rank(), a.rank());
            r = r.reshape(s);
        }
        return r.broadcast(shape);
    }

    @Override
    public String describe() {
        return "deeplift-rescale(maxPool=" + maxPool + ", softmax=" + softmax + ")";
    }
}
