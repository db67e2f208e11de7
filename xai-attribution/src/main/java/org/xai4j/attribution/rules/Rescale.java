package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.util.NativeBuffers;

/**
 * DeepLIFT's Rescale rule at an element-wise nonlinearity y = f(x) (Shrikumar et al. 2017, §3.5.1):
 * m_in = m_out ⊙ (y − y′)/(x − x′), or the local derivative m_out ⊙ f′(x) where |x − x′| &lt; {@link #EPS}
 * (Captum's fallback). Conserves exactly: m_in ⊙ Δx = m_out ⊙ Δy.
 *
 * <p>The two constants differ only in precision. For a smooth function in a float graph, f(x) and f(x′) are
 * evaluated again in double precision from the stored inputs: the quotient of two float differences loses
 * about ulp(y)/|Δx| (measured: 8·10⁻⁴ relative error of DeepLiftShap on a dense net with GELU and SiLU),
 * while the quotient itself varies smoothly with x and x′. ReLU and leaky ReLU are piecewise linear, so
 * their float quotients are exact where x and x′ lie on one side of zero.
 */
public enum Rescale implements BackwardRule {
    /** For smooth functions: in a float graph, f(x) and f(x′) are evaluated again in double precision. */
    SMOOTH,
    /** For piecewise-linear functions (ReLU, leaky ReLU): the stored forward values, in the graph's precision. */
    PIECEWISE_LINEAR;

    /** Below this |x − x′| a nonlinearity passes its local derivative (Captum's {@code eps}). */
    public static final double EPS = 1e-10;

    @Override
    public INDArray[] backward(BackwardContext c) {
        Temporaries.requireReference(c, describe());
        return new INDArray[] {multipliers(c)};
    }

    /** g ⊙ Δy/Δx, or g ⊙ f′(x) where |Δx| &lt; ε. */
    private INDArray multipliers(BackwardContext c) {
        Node node = c.node();
        boolean promote = this == SMOOTH && c.dataType() != DataType.DOUBLE;
        INDArray x = c.input(0);
        INDArray xr = c.referenceInput(0);
        INDArray g = c.upstream();
        INDArray y;
        INDArray yr;
        if (promote) {
            x = x.castTo(DataType.DOUBLE);
            xr = xr.castTo(DataType.DOUBLE);
            g = g.castTo(DataType.DOUBLE);
            y = node.forward(x);
            yr = node.forward(xr);
        } else {
            y = c.output();
            yr = c.referenceOutput();
        }
        INDArray dx = x.sub(xr);
        INDArray m = y.sub(yr).muli(g);
        if (dx.aminNumber().doubleValue() >= EPS) {
            m.divi(dx);
        } else {
            INDArray abs = Transforms.abs(dx, true);
            INDArray below = abs.lt(EPS);
            INDArray small = below.castTo(dx.dataType());
            INDArray large = small.rsub(1);
            m.divi(dx.addi(small)).muli(large);
            INDArray local = c.gradient()[0];
            INDArray localD = local.castTo(m.dataType());
            m.addi(localD.muli(small));
            NativeBuffers.release(localD, local);
            NativeBuffers.release(local, c.upstream(), c.input(0), c.output());
            Temporaries.free(abs, below, small, large);
        }
        Temporaries.free(dx);
        if (promote) {
            Temporaries.free(x, xr, g, y, yr);
            INDArray out = m.castTo(c.dataType());
            Temporaries.free(m);
            return out;
        }
        return m;
    }

    @Override
    public String describe() {
        return "rescale-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
