package org.xai4j.core.graph.node;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/** A permutation of axes (ONNX Transpose; no permutation given reverses them); backward applies the inverse. */
public final class TransposeNode extends AbstractNode {
    private final int[] perm;

    /**
     * A permutation of the axes of {@code input}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param perm output axis i is input axis perm[i]; null reverses the axes (copied)
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public TransposeNode(String name, String input, String output, int[] perm) {
        super(name, List.of(input), output);
        this.perm = perm == null ? null : perm.clone();
    }

    @Override
    public String opType() {
        return "Transpose";
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private int[] perm(int rank) {
        if (perm == null) {
            int[] p = new int[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
            return p;
        }
        if (perm.length != rank) {
            throw new InvalidShapeException("transpose '" + name() + "': permutation of length " + perm.length
                    + " for input of rank " + rank);
        }
        return perm;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        return inputs[0].permute(perm(inputs[0].rank())).dup('c');
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        int[] p = perm(upstream.rank());
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return new INDArray[] {upstream.permute(inv).dup('c')};
    }
}
