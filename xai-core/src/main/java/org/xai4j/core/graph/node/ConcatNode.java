package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;

/** Concatenation along one axis (DenseNet/Inception blocks, DL4J's merge vertex); backward splits the gradient. */
public final class ConcatNode extends AxisNode {
    /**
     * Concatenation of {@code inputs} along {@code axis}.
     *
     * @param name the node's name, not empty
     * @param inputs the names of the values it joins, in order
     * @param output the name of the value it writes
     * @param axis the axis, negative counting from the end
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public ConcatNode(String name, List<String> inputs, String output, int axis) {
        super(name, inputs, output, axis);
    }

    @Override
    public String opType() {
        return "Concat";
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, inputs().size());
        int ax = Ops.axis(axis, inputs[0].rank(), "concat '" + name() + "'");
        for (INDArray a : inputs) {
            boolean ok = a.rank() == inputs[0].rank();
            for (int d = 0; ok && d < a.rank(); d++) {
                ok = d == ax || a.size(d) == inputs[0].size(d);
            }
            if (!ok) {
                throw new InvalidShapeException("concat '" + name() + "' along axis " + ax + ": shape "
                        + Arrays.toString(a.shape()) + " does not fit " + Arrays.toString(inputs[0].shape()));
            }
        }
        if (inputs.length == 1) {
            return inputs[0].dup();
        }
        return Nd4j.concat(ax, inputs);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        int n = context.inputCount();
        int ax = Ops.axis(axis, upstream.rank(), "concat '" + name() + "'");
        INDArray[] out = new INDArray[n];
        long offset = 0;
        for (int i = 0; i < n; i++) {
            long size = context.inputShape(i)[ax];
            if (context.needsGradient(i)) {
                INDArrayIndex[] idx = new INDArrayIndex[upstream.rank()];
                for (int d = 0; d < idx.length; d++) {
                    idx[d] = d == ax ? NDArrayIndex.interval(offset, offset + size) : NDArrayIndex.all();
                }
                out[i] = upstream.get(idx).dup('c');
            }
            offset += size;
        }
        return out;
    }
}
