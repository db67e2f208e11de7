package org.xai4j.core.graph.node;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * 2-D max pooling over NCHW input (padding never wins: it acts as −∞), with strides, dilations, asymmetric
 * pads and ONNX/PyTorch {@code ceil_mode}. Backward routes each upstream value to the maximum of its window
 * (libnd4j {@code maxpool2d_bp}). Float pooling runs on a faster engine's {@link PoolingKernel} where a
 * {@link ConvolutionProvider} has one (ONNX Runtime's with {@code xai-models} on the class path), with the same
 * results.
 */
public final class MaxPoolNode extends PoolNode {
    /** Float pooling on a faster engine, or {@code null} for libnd4j's. */
    private final PoolingKernel kernel;

    /**
     * Max pooling with {@code window}.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param window the kernel, strides, dilations and pads
     * @param ceilMode whether partial windows at the end make an output element (ONNX {@code ceil_mode})
     * @throws org.xai4j.core.InvalidConfigException if a name is null or empty
     */
    public MaxPoolNode(String name, String input, String output, Window2d window, boolean ceilMode) {
        super(name, input, output, window, ceilMode);
        this.kernel = ConvolutionKernels.selectMaxPool(window, ceilMode);
    }

    /**
     * Which engine pools float inputs.
     *
     * @return {@code libnd4j}, or the {@link PoolingKernel}'s engine
     */
    public String engine() {
        return kernel == null ? "libnd4j" : kernel.engine();
    }

    @Override
    public String opType() {
        return "MaxPool";
    }

    @Override
    public Retention retention() {
        return Retention.INPUTS;
    }

    private int[] args(int padH, int padW) {
        return args(padH, padW, 0); // the extra argument is unused for max
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        int[] e = extraFor(x);
        if (kernel != null && x.dataType() == DataType.FLOAT) {
            INDArray plain = Ops.cOrder(x);
            INDArray y = kernel.forward(plain);
            Ops.free(plain == x ? null : plain, y);
            return y;
        }
        if (direct(e)) {
            return Ops.exec("maxpool2d", args(window.padTop(), window.padLeft()), x);
        }
        INDArray p = padded(x, e);
        INDArray y = Ops.exec("maxpool2d", args(0, 0), p);
        Ops.free(p, y);
        return y;
    }

    private INDArray padded(INDArray x, int[] e) {
        return Ops.pad(x, before(), after(e), Double.NEGATIVE_INFINITY);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        INDArray x = context.input(0);
        INDArray g = Ops.cOrder(upstream);
        int[] e = extra(x.size(2), x.size(3));
        if (kernel != null && x.dataType() == DataType.FLOAT && g.dataType() == DataType.FLOAT) {
            INDArray plain = Ops.cOrder(x);
            INDArray gi = kernel.inputGradient(plain, g);
            if (gi != null) {
                Ops.free(plain == x ? null : plain, gi);
                Ops.release(g, gi, x, upstream, context.upstream());
                return new INDArray[] {gi};
            }
            Ops.free(plain == x ? null : plain, null);
        }
        if (direct(e)) {
            INDArray gi = Ops.exec("maxpool2d_bp", args(window.padTop(), window.padLeft()), x, g);
            Ops.release(g, gi, x, upstream, context.upstream());
            return new INDArray[] {gi};
        }
        INDArray p = padded(x, e);
        INDArray gp = Ops.exec("maxpool2d_bp", args(0, 0), p, g);
        Ops.free(p, gp);
        Ops.release(g, gp, x, upstream, context.upstream());
        INDArray gi = Ops.unpad(gp, before(), after(e));
        Ops.free(gp, gi);
        if (!Arrays.equals(gi.shape(), x.shape())) {
            throw new InvalidShapeException("max pool '" + name() + "': gradient shape " + Arrays.toString(gi.shape())
                    + " does not match input " + Arrays.toString(x.shape()));
        }
        return new INDArray[] {gi};
    }
}
