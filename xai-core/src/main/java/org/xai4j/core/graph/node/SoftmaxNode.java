package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * Softmax along one axis; vector–Jacobian product {@code y ⊙ (g − Σ_axis g ⊙ y)}. With
 * {@code flattenFrom} (ONNX opsets before 13), the input is viewed as a matrix whose rows are the axes before
 * {@code axis} and the softmax runs over all the rest.
 */
public final class SoftmaxNode extends AbstractNode {
    private final int axis;
    private final boolean flattenFrom;

    /**
     * Softmax of {@code input} along {@code axis}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param axis the axis, negative counting from the end
     * @param flattenFrom whether to apply softmax over all axes from {@code axis} on (ONNX before opset 13)
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public SoftmaxNode(String name, String input, String output, int axis, boolean flattenFrom) {
        super(name, List.of(input), output);
        this.axis = axis;
        this.flattenFrom = flattenFrom;
    }

    /**
     * The softmax axis.
     *
     * @return the axis as given
     */
    public int axis() {
        return axis;
    }

    @Override
    public String opType() {
        return "Softmax";
    }

    @Override
    public Retention retention() {
        return Retention.OUTPUT;
    }

    private INDArray view(INDArray a) {
        int ax = Ops.axis(axis, a.rank(), "softmax '" + name() + "'");
        long[] s = a.shape();
        return a.reshape('c', Ops.product(s, 0, ax), Ops.product(s, ax, s.length));
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        int ax = Ops.axis(axis, x.rank(), "softmax '" + name() + "'");
        if (flattenFrom && ax != x.rank() - 1) {
            INDArray flat = view(x).dup('c');
            INDArray y = Ops.exec("softmax", new int[] {1}, flat).reshape(x.shape());
            Ops.release(flat, y, x);
            return y;
        }
        return Ops.exec("softmax", new int[] {ax}, x);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        INDArray y = context.output();
        INDArray g = upstream;
        int ax = Ops.axis(axis, y.rank(), "softmax '" + name() + "'");
        if (flattenFrom && ax != y.rank() - 1) {
            INDArray y2 = view(y.dup('c'));
            INDArray g2 = view(g.dup('c'));
            INDArray gy = g2.mul(y2);
            INDArray s = gy.sum(true, 1);
            Ops.release(gy, s, y, g);
            INDArray gx = g2.sub(s).muli(y2).reshape(y.shape());
            for (INDArray temp : new INDArray[] {s, g2, y2}) {
                Ops.release(temp, gx, y, g);
            }
            return new INDArray[] {gx};
        }
        INDArray gy = g.mul(y);
        INDArray s = gy.sum(true, ax);
        Ops.release(gy, s, y, g);
        INDArray gx = g.sub(s).muli(y);
        Ops.release(s, gx, y, g);
        return new INDArray[] {gx};
    }
}
