package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** The mean over some axes (all axes if none are given), keeping them as size-1 axes or dropping them. */
public final class ReduceMeanNode extends AbstractNode {
    private final int[] axes;
    private final boolean keepDims;

    /**
     * The mean of {@code input} over {@code axes}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param axes the axes to reduce, negative counting from the end; null for all (copied)
     * @param keepDims whether the reduced axes are kept with size 1
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public ReduceMeanNode(String name, String input, String output, int[] axes, boolean keepDims) {
        super(name, List.of(input), output);
        this.axes = axes == null ? null : axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public String opType() {
        return "ReduceMean";
    }

    /**
     * The reduced axes (may be negative), or null for all.
     *
     * @return a copy of the axes, or null
     */
    public int[] axes() {
        return axes == null ? null : axes.clone();
    }

    /**
     * Whether the reduced axes are kept with size 1.
     *
     * @return ONNX's {@code keepdims}
     */
    public boolean keepDims() {
        return keepDims;
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private int[] resolved(int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = Ops.axis(axes[i], rank, "reduce-mean '" + name() + "'");
        }
        Arrays.sort(r);
        return r;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        return x.mean(keepDims, resolved(x.rank()));
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        int[] ax = resolved(s.length);
        long[] kept = s.clone();
        long count = 1;
        for (int a : ax) {
            count *= s[a];
            kept[a] = 1;
        }
        INDArray g = upstream.reshape(kept).div(count);
        INDArray gx = Nd4j.zeros(upstream.dataType(), s).addi(g);
        Ops.release(g, gx, upstream);
        return new INDArray[] {gx};
    }
}
