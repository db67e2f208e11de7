package org.xai4j.core.graph.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;

/**
 * 2-D convolution over NCHW input with weight {@code O × I/groups × kH × kW} (ONNX/PyTorch layout, which
 * libnd4j's {@code conv2d} takes as its "OIYX" format), optional bias {@code [O]}, strides, dilations,
 * asymmetric padding and groups (plain, depthwise with any channel multiplier, or grouped).
 *
 * <p>Backward is the transposed convolution of the upstream gradient only (no weight gradient): for stride
 * 1 a convolution with the spatially flipped, channel-transposed kernel (as fast as the forward); for
 * larger strides libnd4j's {@code deconv2d}; rows and columns that no window reached (floor division) get
 * zero. A float convolution with one group runs on a faster engine where a {@link ConvolutionProvider} offers
 * one (ONNX Runtime's kernels with {@code xai-models} on the class path; OpenBLAS on ND4J's default CPU backend).
 */
public final class ConvNode extends AffineNode<ConvNode> {
    private final Window2d window;
    private final int groups;
    private final long inChannels;
    private final boolean depthwise;
    /** Per group: weight, bias slice, and (stride 1) the flipped channel-transposed kernel. */
    private final List<INDArray> groupWeights = new ArrayList<>();
    private final List<INDArray> groupBiases = new ArrayList<>();
    private final List<INDArray> groupFlipped = new ArrayList<>();
    /** Depthwise: the kernel as libnd4j wants it, {@code [multiplier, C, kH, kW]}, and its flip. */
    private final INDArray depthwiseWeight;
    private final INDArray depthwiseFlipped;
    /** One group, float: a faster engine's kernel ({@link ConvolutionProvider}), else {@code null}. */
    private final ConvolutionKernel kernel;

    private ConvNode(String name, String input, String output, INDArray weight, INDArray bias, Window2d window,
                     int groups) {
        super("conv", name, input, output, checked(name, weight, bias, window, groups),
                bias == null ? null : bias.reshape(weight.size(0)));
        long o = weight.size(0);
        this.window = window;
        this.groups = groups;
        this.inChannels = weight.size(1) * groups;
        this.depthwise = groups > 1 && weight.size(1) == 1;
        boolean stride1 = window.strideH() == 1 && window.strideW() == 1;
        this.kernel = groups == 1 ? ConvolutionKernels.select(this.weight, this.bias, window) : null;
        if (depthwise) {
            long m = o / groups;
            depthwiseWeight = this.weight.reshape(groups, m, window.kernelH(), window.kernelW()).permute(1, 0, 2, 3)
                    .dup('c');
            depthwiseFlipped = m == 1 && stride1 ? Ops.flipSpatial(depthwiseWeight) : null;
        } else {
            depthwiseWeight = null;
            depthwiseFlipped = null;
            long og = o / groups;
            for (int g = 0; g < groups; g++) {
                INDArray wg = groups == 1 ? this.weight
                        : this.weight.get(NDArrayIndex.interval(g * og, (g + 1) * og)).dup('c');
                groupWeights.add(wg);
                groupBiases.add(this.bias == null ? null
                        : groups == 1 ? this.bias : this.bias.get(NDArrayIndex.interval(g * og, (g + 1) * og)).dup());
                INDArray swapped = stride1 ? wg.permute(1, 0, 2, 3).dup('c') : null;
                groupFlipped.add(stride1 ? Ops.flipSpatial(swapped) : null);
                Ops.release(swapped, groupFlipped.get(g), wg, this.weight);
            }
        }
    }

    /** {@code weight}, after checking it and {@code bias} against the window and the groups. */
    private static INDArray checked(String name, INDArray weight, INDArray bias, Window2d window, int groups) {
        if (weight == null || weight.rank() != 4) {
            throw new InvalidConfigException("conv '" + name + "': weight must be O×I×kH×kW but got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        long o = weight.size(0);
        if (groups < 1 || o % groups != 0) {
            throw new InvalidConfigException("conv '" + name + "': groups " + groups + " must divide the " + o
                    + " output channels");
        }
        if (weight.size(2) != window.kernelH() || weight.size(3) != window.kernelW()) {
            throw new InvalidConfigException("conv '" + name + "': weight " + Arrays.toString(weight.shape())
                    + " does not match kernel " + window.kernelH() + "×" + window.kernelW());
        }
        if (bias != null && bias.length() != o) {
            throw new InvalidConfigException("conv '" + name + "': bias has " + bias.length() + " entries for " + o
                    + " output channels");
        }
        return weight;
    }

    /**
     * A builder for a convolution node.
     *
     * @param name the node's name
     * @return a new builder with stride 1, dilation 1, no padding and one group
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String opType() {
        return "Conv";
    }

    /**
     * The window geometry.
     *
     * @return the kernel, strides, dilations and pads
     */
    public Window2d window() {
        return window;
    }

    /**
     * The number of groups: 1 for a plain convolution, C for a depthwise one.
     *
     * @return the groups, at least 1
     */
    public int groups() {
        return groups;
    }

    /**
     * What computes this convolution: a {@link ConvolutionProvider}'s name ({@code "onnxruntime"},
     * {@code "openblas"}) or {@code "libnd4j"}.
     *
     * @return the engine's name
     */
    public String engine() {
        return kernel == null ? "libnd4j" : kernel.engine();
    }

    @Override
    ConvNode with(INDArray newWeight, INDArray newBias) {
        return new ConvNode(name(), inputs().get(0), output(), newWeight, newBias, window, groups);
    }

    private void check(long[] s) {
        if (s.length != 4 || s[1] != inChannels) {
            throw new InvalidShapeException("conv '" + name() + "' expects N×" + inChannels + "×H×W input but got "
                    + Arrays.toString(s));
        }
    }

    private int[] args(int padH, int padW) {
        int[] a = window.nativeArgs(padH, padW);
        int[] out = Arrays.copyOf(a, a.length + 2);
        out[a.length] = 0; // NCHW
        out[a.length + 1] = 1; // weights [O, I, kH, kW]
        return out;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        check(x.shape());
        window.outH(x.size(2));
        window.outW(x.size(3));
        if (kernel != null && x.dataType() == DataType.FLOAT) {
            INDArray plain = Ops.cOrder(x);
            INDArray y = kernel.forward(plain);
            Ops.free(plain == x ? null : plain, y);
            return y;
        }
        int[] a;
        if (window.symmetric()) {
            a = args(window.padTop(), window.padLeft());
        } else {
            x = Ops.pad(x, new long[] {0, 0, window.padTop(), window.padLeft()},
                    new long[] {0, 0, window.padBottom(), window.padRight()}, 0);
            a = args(0, 0);
        }
        INDArray padded = x == inputs[0] ? null : x;
        if (depthwise) {
            INDArray y = bias == null ? Ops.exec("depthwise_conv2d", a, x, depthwiseWeight)
                    : Ops.exec("depthwise_conv2d", a, x, depthwiseWeight, bias);
            Ops.free(padded, y);
            return y;
        }
        if (groups == 1) {
            INDArray y = conv(x, groupWeights.get(0), groupBiases.get(0), a);
            Ops.free(padded, y);
            return y;
        }
        long ig = inChannels / groups;
        INDArray[] parts = new INDArray[groups];
        for (int g = 0; g < groups; g++) {
            INDArray xg = x.get(NDArrayIndex.all(), NDArrayIndex.interval(g * ig, (g + 1) * ig)).dup('c');
            parts[g] = conv(xg, groupWeights.get(g), groupBiases.get(g), a);
            Ops.release(xg, parts[g], inputs[0], groupWeights.get(g), groupBiases.get(g));
        }
        Ops.release(padded, parts[0], inputs[0]);
        return concatOwned(parts, inputs[0]);
    }

    /**
     * LRP's redistribution {@code x ⊙ Wᵀ(r ⊘ (Wx + b))} through this node in one call of its engine
     * ({@link ConvolutionKernel#redistribute}), where the engine offers it for these arrays.
     *
     * @param x the node's input, N×C×H×W, float (not modified)
     * @param r the relevance of the node's output for {@code x}, with {@code x}'s rows (not modified)
     * @return a new array of {@code x}'s shape, or {@code null} where the engine does not fuse the step (no
     *         faster engine, not float, {@code r} with other rows than {@code x}): then run the steps one by one
     */
    public INDArray redistribute(INDArray x, INDArray r) {
        if (kernel == null || x.dataType() != DataType.FLOAT || r.dataType() != DataType.FLOAT || x.rank() != 4
                || r.rank() != 4 || x.size(0) != r.size(0)) {
            return null;
        }
        check(x.shape());
        long[] out = {x.size(0), weight.size(0), window.outH(x.size(2)), window.outW(x.size(3))};
        if (!Arrays.equals(r.shape(), out)) {
            throw new InvalidShapeException("conv '" + name() + "': the relevance of its output must have shape "
                    + Arrays.toString(out) + " for an input of shape " + Arrays.toString(x.shape()) + " but got "
                    + Arrays.toString(r.shape()));
        }
        INDArray px = Ops.cOrder(x);
        INDArray pr = Ops.cOrder(r);
        INDArray y = kernel.redistribute(px, pr);
        Ops.free(px == x ? null : px, y);
        Ops.free(pr == r ? null : pr, y);
        return y;
    }

    /** The concatenation of per-group results this node created; frees them once copied. */
    private static INDArray concatOwned(INDArray[] parts, INDArray notOwned) {
        INDArray out = Nd4j.concat(1, parts);
        for (INDArray p : parts) {
            Ops.release(p, out, notOwned);
        }
        return out;
    }

    private static INDArray conv(INDArray x, INDArray w, INDArray b, int[] a) {
        return b == null ? Ops.exec("conv2d", a, x, w) : Ops.exec("conv2d", a, x, w, b);
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        check(s);
        INDArray g = Ops.cOrder(upstream);
        INDArray gi;
        if (depthwise) {
            gi = depthwiseBackward(g, s);
        } else if (kernel != null && g.dataType() == DataType.FLOAT) {
            gi = kernel.inputGradient(g, s);
        } else if (groups == 1) {
            gi = plainBackward(g, s[2], s[3], 0);
        } else {
            long og = weight.size(0) / groups;
            INDArray[] parts = new INDArray[groups];
            for (int k = 0; k < groups; k++) {
                INDArray gk = g.get(NDArrayIndex.all(), NDArrayIndex.interval(k * og, (k + 1) * og)).dup('c');
                parts[k] = plainBackward(gk, s[2], s[3], k);
                Ops.release(gk, parts[k], upstream, context.upstream());
            }
            gi = concatOwned(parts, upstream);
        }
        // A c-ordered copy of a non-c upstream gradient is this node's own.
        Ops.release(g, gi, upstream, context.upstream());
        return new INDArray[] {gi};
    }

    /** The input gradient of one group of a plain convolution. */
    private INDArray plainBackward(INDArray g, long h, long w, int group) {
        long spanH = window.spanH();
        long spanW = window.spanW();
        if (window.strideH() == 1 && window.strideW() == 1) {
            INDArray flipped = groupFlipped.get(group);
            if (window.symmetric() && window.padTop() <= spanH - 1 && window.padLeft() <= spanW - 1) {
                return Ops.exec("conv2d", args((int) (spanH - 1 - window.padTop()), (int) (spanW - 1 - window.padLeft())),
                        g, flipped);
            }
            INDArray full = Ops.exec("conv2d", args((int) spanH - 1, (int) spanW - 1), g, flipped);
            return Ops.windowOwned(full, window.padTop(), h, window.padLeft(), w);
        }
        INDArray wg = groupWeights.get(group);
        long fullH = (g.size(2) - 1) * window.strideH() + spanH;
        long fullW = (g.size(3) - 1) * window.strideW() + spanW;
        if (window.symmetric() && fullH - 2L * window.padTop() == h && fullW - 2L * window.padLeft() == w) {
            return Ops.exec("deconv2d", args(window.padTop(), window.padLeft()), g, wg);
        }
        INDArray full = Ops.exec("deconv2d", args(0, 0), g, wg);
        return Ops.windowOwned(full, window.padTop(), h, window.padLeft(), w);
    }

    private INDArray depthwiseBackward(INDArray g, long[] s) {
        long spanH = window.spanH();
        long spanW = window.spanW();
        if (depthwiseFlipped != null) {
            if (window.symmetric() && window.padTop() <= spanH - 1 && window.padLeft() <= spanW - 1) {
                return Ops.exec("depthwise_conv2d",
                        args((int) (spanH - 1 - window.padTop()), (int) (spanW - 1 - window.padLeft())), g,
                        depthwiseFlipped);
            }
            INDArray full = Ops.exec("depthwise_conv2d", args((int) spanH - 1, (int) spanW - 1), g, depthwiseFlipped);
            return Ops.windowOwned(full, window.padTop(), s[2], window.padLeft(), s[3]);
        }
        // Strided or multiplier > 1: libnd4j's backprop op (it also computes a weight gradient, which is dropped).
        long[] padded = {s[0], s[1], s[2] + window.padTop() + window.padBottom(),
                s[3] + window.padLeft() + window.padRight()};
        boolean sym = window.symmetric();
        INDArray dummy = Nd4j.zeros(g.dataType(), sym ? s : padded);
        int[] a = sym ? args(window.padTop(), window.padLeft()) : args(0, 0);
        INDArray[] both = Ops.execAll("depthwise_conv2d_bp", a, dummy, depthwiseWeight, g);
        Ops.free(dummy, null);
        Ops.free(both[1], null);
        if (sym) {
            return both[0];
        }
        return Ops.windowOwned(both[0], window.padTop(), s[2], window.padLeft(), s[3]);
    }

    /** Builds a {@link ConvNode}. */
    public static final class Builder {
        private final String name;
        private String input;
        private String output;
        private INDArray weight;
        private INDArray bias;
        private Window2d window;
        private int groups = 1;
        private int[] strides = {1, 1};
        private int[] dilations = {1, 1};
        private int[] pads = {0, 0, 0, 0};

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The value the convolution reads.
         *
         * @param input its name
         * @return this builder
         */
        public Builder input(String input) {
            this.input = input;
            return this;
        }

        /**
         * The value the convolution writes.
         *
         * @param output its name
         * @return this builder
         */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        /**
         * The weight {@code O × I/groups × kH × kW} (copied); sets the kernel size.
         *
         * @param weight the weight, rank 4
         * @return this builder
         */
        public Builder weight(INDArray weight) {
            this.weight = weight;
            return this;
        }

        /**
         * The bias {@code [O]} (copied), or null.
         *
         * @param bias the bias, or null
         * @return this builder
         */
        public Builder bias(INDArray bias) {
            this.bias = bias;
            return this;
        }

        /**
         * The strides.
         *
         * @param sh the vertical stride, at least 1
         * @param sw the horizontal stride, at least 1
         * @return this builder
         */
        public Builder strides(int sh, int sw) {
            this.strides = new int[] {sh, sw};
            return this;
        }

        /**
         * The dilations.
         *
         * @param dh the vertical dilation, at least 1
         * @param dw the horizontal dilation, at least 1
         * @return this builder
         */
        public Builder dilations(int dh, int dw) {
            this.dilations = new int[] {dh, dw};
            return this;
        }

        /**
         * Paddings in ONNX order: top, left, bottom, right.
         *
         * @param top rows added above, at least 0
         * @param left columns added on the left, at least 0
         * @param bottom rows added below, at least 0
         * @param right columns added on the right, at least 0
         * @return this builder
         */
        public Builder pads(int top, int left, int bottom, int right) {
            this.pads = new int[] {top, left, bottom, right};
            return this;
        }

        /**
         * The same padding on every side.
         *
         * @param all the padding, at least 0
         * @return this builder
         */
        public Builder pads(int all) {
            return pads(all, all, all, all);
        }

        /**
         * The number of groups.
         *
         * @param groups a divisor of the input and output channels; 1 by default
         * @return this builder
         */
        public Builder groups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Checks the settings and builds the node, choosing the fastest {@link ConvolutionProvider} that can run it.
         *
         * @return the node
         * @throws InvalidConfigException if the weight is missing or not of rank 4, the bias does not match, a
         *     name is empty or the groups do not divide the channels
         */
        public ConvNode build() {
            if (weight == null || weight.rank() != 4) {
                throw new InvalidConfigException("conv '" + name + "' needs a weight O×I×kH×kW");
            }
            window = new Window2d((int) weight.size(2), (int) weight.size(3), strides[0], strides[1], dilations[0],
                    dilations[1], pads[0], pads[1], pads[2], pads[3]);
            return new ConvNode(name, input, output, weight, bias, window, groups);
        }
    }
}
