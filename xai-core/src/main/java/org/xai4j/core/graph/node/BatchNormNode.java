package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * Batch normalisation in inference form (Ioffe and Szegedy 2015): per channel (axis 1),
 * {@code y = x·scale + shift} with {@code scale = γ/√(σ² + ε)} and {@code shift = β − μ·scale} from the
 * running statistics. Rows never influence each other, so its backward is simply {@code g·scale} — unlike
 * DL4J's BatchNormalization backprop, which always uses batch statistics.
 */
public final class BatchNormNode extends AbstractNode implements LinearNode {
    private final INDArray scale;
    private final INDArray shift;

    private BatchNormNode(String name, String input, String output, INDArray scale, INDArray shift) {
        super(name, List.of(input), output);
        if (scale == null || shift == null || scale.length() != shift.length()) {
            throw new InvalidConfigException("batch norm '" + name + "': scale and shift must be per-channel vectors of"
                    + " equal length");
        }
        this.scale = Ops.owned(scale.reshape(scale.length()));
        this.shift = Ops.owned(shift.reshape(shift.length()));
    }

    /**
     * From the learned γ, β and the running mean and variance (each {@code [C]}).
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param gamma γ, one per channel
     * @param beta β, one per channel
     * @param mean the running mean μ, one per channel
     * @param variance the running variance σ², one per channel
     * @param epsilon ε, added to σ² before the square root
     * @return the node, with scale γ/√(σ² + ε) and shift β − μ·scale
     * @throws InvalidConfigException if the four vectors differ in length
     */
    public static BatchNormNode of(String name, String input, String output, INDArray gamma, INDArray beta,
                                   INDArray mean, INDArray variance, double epsilon) {
        long c = gamma.length();
        if (beta.length() != c || mean.length() != c || variance.length() != c) {
            throw new InvalidConfigException("batch norm '" + name + "': γ, β, mean and variance must have equal length"
                    + " but have " + c + ", " + beta.length() + ", " + mean.length() + ", " + variance.length());
        }
        DataType t = gamma.dataType();
        INDArray s = gamma.reshape(c).castTo(t).div(Transforms.sqrt(variance.reshape(c).castTo(t).add(epsilon), false));
        INDArray b = beta.reshape(c).castTo(t).sub(mean.reshape(c).castTo(t).mul(s));
        return new BatchNormNode(name, input, output, s, b);
    }

    /**
     * Directly from the per-channel {@code scale} and {@code shift}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param scale the per-channel factor (copied)
     * @param shift the per-channel offset (copied)
     * @return the node computing {@code x·scale + shift} per channel
     */
    public static BatchNormNode affine(String name, String input, String output, INDArray scale, INDArray shift) {
        return new BatchNormNode(name, input, output, scale, shift);
    }

    @Override
    public String opType() {
        return "BatchNormalization";
    }

    /** A copy of the per-channel scale {@code γ/√(σ²+ε)}. */
    @Override
    public INDArray weight() {
        return scale.dup();
    }

    /** A copy of the per-channel shift {@code β − μ·scale}. */
    @Override
    public INDArray bias() {
        return shift.dup();
    }

    @Override
    public BatchNormNode withParameters(INDArray newScale, INDArray newShift) {
        return new BatchNormNode(name(), inputs().get(0), output(), newScale.castTo(scale.dataType()),
                newShift == null ? scale.mul(0) : newShift.castTo(scale.dataType()));
    }

    @Override
    public BatchNormNode withDataType(DataType type) {
        return type == scale.dataType() ? this
                : new BatchNormNode(name(), inputs().get(0), output(), scale.castTo(type), shift.castTo(type));
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private long[] channelShape(int rank) {
        long[] s = new long[rank];
        Arrays.fill(s, 1);
        s[1] = scale.length();
        return s;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        if (x.rank() < 2 || x.size(1) != scale.length()) {
            throw new InvalidShapeException("batch norm '" + name() + "' expects N×" + scale.length() + "×… input but got "
                    + Arrays.toString(x.shape()));
        }
        long[] cs = channelShape(x.rank());
        return x.mul(scale.reshape(cs)).addi(shift.reshape(cs));
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        return new INDArray[] {upstream.mul(scale.reshape(channelShape(upstream.rank())))};
    }
}
