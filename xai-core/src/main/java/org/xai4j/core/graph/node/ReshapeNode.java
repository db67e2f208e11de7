package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * ONNX Reshape with a constant target shape: 0 copies the input's size on that axis (unless
 * {@code allowZero}), −1 is inferred. Row-major, like numpy and PyTorch's {@code view}.
 */
public final class ReshapeNode extends AbstractNode {
    private final long[] shape;
    private final boolean allowZero;

    /**
     * A reshape to {@code shape}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param shape the target shape, with 0 (copy the input's size) and −1 (inferred); copied
     * @param allowZero whether 0 means an empty axis rather than a copy (ONNX {@code allowzero})
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public ReshapeNode(String name, String input, String output, long[] shape, boolean allowZero) {
        super(name, List.of(input), output);
        this.shape = shape.clone();
        this.allowZero = allowZero;
    }

    @Override
    public String opType() {
        return "Reshape";
    }

    /**
     * The target shape as given (with 0 and −1).
     *
     * @return a copy of the shape
     */
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    long[] resolve(long[] in) {
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= in.length) {
                    throw new InvalidShapeException("reshape '" + name() + "': 0 at axis " + i + " but input "
                            + Arrays.toString(in) + " has rank " + in.length);
                }
                out[i] = in[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new InvalidShapeException("reshape '" + name() + "': more than one −1 in " + Arrays.toString(shape));
                }
                infer = i;
            } else {
                known *= out[i];
            }
        }
        long total = Ops.product(in, 0, in.length);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw new InvalidShapeException("reshape '" + name() + "': cannot reshape " + Arrays.toString(in)
                        + " to " + Arrays.toString(shape));
            }
            out[infer] = total / known;
        } else if (known != total) {
            throw new InvalidShapeException("reshape '" + name() + "': cannot reshape " + Arrays.toString(in) + " ("
                    + total + " elements) to " + Arrays.toString(shape));
        }
        return out;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        return inputs[0].reshape('c', resolve(inputs[0].shape()));
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        return new INDArray[] {upstream.reshape('c', context.inputShape(0))};
    }
}
