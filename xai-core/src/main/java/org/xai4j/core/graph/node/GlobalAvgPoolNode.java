package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** Global average pooling: the mean over all axes after the channel axis, kept as size-1 axes (N×C×1×1). */
public final class GlobalAvgPoolNode extends AbstractNode {
    /**
     * Global average pooling of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public GlobalAvgPoolNode(String name, String input, String output) {
        super(name, List.of(input), output);
    }

    @Override
    public String opType() {
        return "GlobalAveragePool";
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private static int[] spatial(int rank) {
        int[] axes = new int[rank - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return axes;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        if (x.rank() < 3) {
            throw new org.xai4j.core.InvalidShapeException("global average pool '" + name()
                    + "' expects N×C×… input of rank ≥ 3 but got " + java.util.Arrays.toString(x.shape()));
        }
        return x.mean(true, spatial(x.rank()));
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        long count = Ops.product(s, 2, s.length);
        INDArray g = upstream.div(count);
        INDArray gx = Nd4j.zeros(upstream.dataType(), s).addi(g);
        Ops.release(g, gx, upstream);
        return new INDArray[] {gx};
    }
}
