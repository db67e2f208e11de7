package org.xai4j.core.graph.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Node;
import org.xai4j.core.util.Rng;

/**
 * Checks a node's vector–Jacobian product against central finite differences in double precision: for a
 * random upstream u, the VJP for input i must equal ∂⟨u, f(x)⟩/∂x_i element by element.
 */
final class GradCheck {
    private GradCheck() {
    }

    static final double EPS = 1e-6;
    static final int COORDINATES = 40;
    static final int DIRECTIONS = 3;

    /** The max-norm relative error of the node's VJP for every input not listed as constant. */
    static double[] errors(Node node, INDArray[] inputs, long seed, int... constants) {
        INDArray[] in = new INDArray[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i].castTo(DataType.DOUBLE).dup();
        }
        INDArray[] before = Arrays.stream(in).map(INDArray::dup).toArray(INDArray[]::new);
        INDArray y = node.forward(in);
        INDArray u = Rng.seeded(seed).gaussian(DataType.DOUBLE, 1.0, y.shape());
        INDArray[] vjp = node.backward(BackwardContext.of(node, in, y, u, constants), u);
        for (int i = 0; i < in.length; i++) {
            assertThat(in[i]).as("node must not modify input %d", i).isEqualTo(before[i]);
        }
        double[] err = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            final int k = i;
            if (Arrays.stream(constants).anyMatch(c -> c == k)) {
                continue;
            }
            assertThat(vjp[i].shape()).as("gradient shape of input %d", i).isEqualTo(in[i].shape());
            INDArray flat = in[i].reshape(in[i].length());
            double[] analytic = vjp[i].castTo(DataType.DOUBLE).dup('c').data().asDouble();
            Rng rng = Rng.seeded(seed * 31 + i);
            int n = (int) in[i].length();
            // Coordinates: all of a small input, otherwise a random sample.
            int[] coords = n <= COORDINATES ? java.util.stream.IntStream.range(0, n).toArray()
                    : java.util.Arrays.copyOf(rng.permutation(n), COORDINATES);
            double maxDiff = 0;
            double maxRef = 0;
            for (int j : coords) {
                double v = flat.getDouble(j);
                flat.putScalar(j, v + EPS);
                double plus = node.forward(in).mul(u).sumNumber().doubleValue();
                flat.putScalar(j, v - EPS);
                double minus = node.forward(in).mul(u).sumNumber().doubleValue();
                flat.putScalar(j, v);
                double numeric = (plus - minus) / (2 * EPS);
                maxDiff = Math.max(maxDiff, Math.abs(numeric - analytic[j]));
                maxRef = Math.max(maxRef, Math.abs(numeric));
            }
            // Random directions: (f(x + εd) − f(x − εd)) / 2ε = ⟨VJP, d⟩ covers every element at once.
            INDArray original = in[i].dup();
            double directional = 0;
            for (int d = 0; d < DIRECTIONS; d++) {
                INDArray dir = rng.gaussian(DataType.DOUBLE, 1.0, in[i].shape());
                in[i].assign(original.add(dir.mul(EPS)));
                double plus = node.forward(in).mul(u).sumNumber().doubleValue();
                in[i].assign(original.sub(dir.mul(EPS)));
                double minus = node.forward(in).mul(u).sumNumber().doubleValue();
                in[i].assign(original);
                double numeric = (plus - minus) / (2 * EPS);
                double exact = vjp[i].castTo(DataType.DOUBLE).mul(dir).sumNumber().doubleValue();
                double norm = Math.max(vjp[i].castTo(DataType.DOUBLE).norm2Number().doubleValue(), 1e-12);
                directional = Math.max(directional, Math.abs(numeric - exact) / norm);
            }
            err[i] = Math.max(maxDiff / Math.max(maxRef, 1e-12), directional);
        }
        return err;
    }

    /**
     * The floating-point buffers one forward and one backward of {@code node} leave open besides their results
     * (temporaries the node forgot to free): each would wait for the garbage collector.
     */
    static java.util.List<String> leftOpen(Node node, INDArray[] inputs, int... constants) {
        INDArray[] in = new INDArray[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i].castTo(DataType.DOUBLE).dup();
        }
        INDArray probe = node.forward(in);
        INDArray u = Rng.seeded(3).gaussian(DataType.DOUBLE, 1.0, probe.shape());
        org.xai4j.core.graph.OpenBuffers snapshot = org.xai4j.core.graph.OpenBuffers.snapshot();
        INDArray y = node.forward(in);
        INDArray[] vjp = node.backward(BackwardContext.of(node, in, y, u, constants), u);
        // Views of the caller's arrays (inputs, upstream gradient) get buffer objects of their own; they hold
        // no memory and are not temporaries.
        INDArray[] keep = new INDArray[vjp.length + in.length + 2];
        System.arraycopy(vjp, 0, keep, 0, vjp.length);
        System.arraycopy(in, 0, keep, vjp.length, in.length);
        keep[keep.length - 2] = y;
        keep[keep.length - 1] = u;
        // Arrays smaller than half the smallest operand are per-channel parameters and ND4J's own scalars.
        long smallest = y.length();
        for (INDArray a : in) {
            smallest = Math.min(smallest, a.length());
        }
        return snapshot.since(Math.max(2, smallest / 2), keep);
    }

    /**
     * Asserts every non-constant input's VJP is within {@code tol} (max-norm relative) of finite differences,
     * and that the node frees its temporaries.
     */
    static void check(Node node, INDArray[] inputs, double tol, int... constants) {
        assertThat(leftOpen(node, inputs, constants)).as("%s: temporaries left for the garbage collector", node)
                .isEmpty();
        double[] err = errors(node, inputs, 7, constants);
        for (int i = 0; i < err.length; i++) {
            assertThat(err[i]).as("%s: VJP of input %d vs finite differences", node, i).isLessThan(tol);
        }
    }

    static INDArray gaussian(long seed, long... shape) {
        return Rng.seeded(seed).gaussian(DataType.DOUBLE, 1.0, shape);
    }
}
