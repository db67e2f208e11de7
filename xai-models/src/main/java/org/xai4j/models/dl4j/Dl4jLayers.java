package org.xai4j.models.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvTransposeNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.PadNode;
import org.xai4j.core.graph.node.ReduceMeanNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.TransposeNode;
import org.xai4j.core.graph.node.ResizeNode;
import org.xai4j.core.graph.node.Window2d;

/**
 * Converts one DL4J layer (configuration and parameters) into graph nodes. A layer called {@code L} whose
 * activation is not the identity becomes a linear node {@code L/preactivation} followed by the activation
 * node {@code L}, so that {@code L} always names what DL4J calls the layer's activation; the logits of an
 * output layer are {@code L/preactivation}.
 */
final class Dl4jLayers {
    /** The suffix of a layer's pre-activation node. */
    static final String PRE = "/preactivation";
    /** Axis order N, C, H, W → N, H, W, C; also, NHWC axis {@code i} is NCHW axis {@code TO_NHWC[i]}. */
    private static final int[] TO_NHWC = {0, 2, 3, 1};

    private Dl4jLayers() {
    }

    /** Adds the nodes of a preprocessor in front of layer {@code layer}; returns the value they produce. */
    static String preprocessor(InputPreProcessor p, String layer, String input, GraphBuilder b) {
        if (p == null) {
            return input;
        }
        String name = layer + "/preprocessor";
        if (p instanceof CnnToFeedForwardPreProcessor c) {
            if (c.getFormat() == CNN2DFormat.NHWC) {
                // the graph holds N×C×H×W; a channels-last network flattens in H, W, C order (as Keras does)
                String hwc = name + "/to_nhwc";
                b.node(new TransposeNode(hwc, input, hwc, TO_NHWC));
                input = hwc;
            }
            b.node(new FlattenNode(name, input, name, 1));
            return name;
        }
        if (p instanceof FeedForwardToCnnPreProcessor f) {
            b.node(new ReshapeNode(name, input, name,
                    new long[] {-1, f.getNumChannels(), f.getInputHeight(), f.getInputWidth()}, false));
            return name;
        }
        throw new Dl4jImporter.Unsupported("preprocessor " + p.getClass().getSimpleName() + " of '" + layer + "'");
    }

    /**
     * Adds the nodes of {@code layer}, reading {@code input} of type {@code inputType}; returns the name of
     * the value holding the layer's activation.
     */
    static String layer(Layer layer, String name, Map<String, INDArray> params, String input, InputType inputType,
                        GraphBuilder b) {
        if (layer instanceof Deconvolution2D d) {
            return withActivation(d, name, b, pre -> b.node(deconv(d, name, pre, params, input)));
        }
        if (layer instanceof DepthwiseConvolution2D dw) {
            return withActivation(dw, name, b, pre -> b.node(depthwise(dw, name, pre, params, input, inputType)));
        }
        if (layer instanceof SeparableConvolution2D sc) {
            return withActivation(sc, name, b, pre -> separable(sc, name, pre, params, input, inputType, b));
        }
        if (layer instanceof ConvolutionLayer c) {
            if (c.getClass() != ConvolutionLayer.class) {
                throw new Dl4jImporter.Unsupported("layer type " + c.getClass().getSimpleName());
            }
            return withActivation(c, name, b, pre -> b.node(conv(c, name, pre, params, input, inputType)));
        }
        if (layer instanceof SubsamplingLayer s) {
            if (s.getClass() != SubsamplingLayer.class) {
                throw new Dl4jImporter.Unsupported("layer type " + s.getClass().getSimpleName());
            }
            b.node(pool(s, name, input, inputType));
            return name;
        }
        if (layer instanceof BatchNormalization bn) {
            // DL4J 1.0.0-M2.1 applies no activation function in a BatchNormalization layer, whatever its
            // configuration says (measured against output()); the graph does the same.
            b.node(batchNorm(bn, name, name, params, input));
            return name;
        }
        if (layer instanceof OutputLayer || layer instanceof DenseLayer) {
            BaseLayer dense = (BaseLayer) layer;
            INDArray w = params.get("W");
            INDArray bias = params.get("b");
            return withActivation(dense, name, b, pre -> b.node(new GemmNode(pre, input, pre, w.transpose(),
                    bias == null ? null : bias.reshape(bias.length()))));
        }
        if (layer instanceof CnnLossLayer l) {
            if (Dl4jActivations.isIdentity(l.getActivationFn())) {
                b.node(new IdentityNode(name, input, name, "CnnLossLayer"));
            } else {
                b.node(Dl4jActivations.node(l.getActivationFn(), name, input, name, 1));
            }
            return name;
        }
        if (layer instanceof LossLayer l) {
            if (Dl4jActivations.isIdentity(l.getActivationFn())) {
                b.node(new IdentityNode(name, input, name, "LossLayer"));
            } else {
                b.node(Dl4jActivations.node(l.getActivationFn(), name, input, name, -1));
            }
            return name;
        }
        if (layer instanceof ActivationLayer a) {
            if (Dl4jActivations.isIdentity(a.getActivationFn())) {
                b.node(new IdentityNode(name, input, name, "ActivationLayer"));
            } else {
                b.node(Dl4jActivations.node(a.getActivationFn(), name, input, name, inputType.getType()
                        == InputType.Type.CNN ? 1 : -1));
            }
            return name;
        }
        if (layer instanceof DropoutLayer) {
            b.node(new IdentityNode(name, input, name, "Dropout"));
            return name;
        }
        if (layer instanceof GlobalPoolingLayer g) {
            if (g.getPoolingType() != PoolingType.AVG || inputType.getType() != InputType.Type.CNN) {
                throw new Dl4jImporter.Unsupported(g.getPoolingType() + " global pooling over " + inputType.getType()
                        + " input (average pooling of CNN activations is supported)");
            }
            int[] dims = g.getPoolingDimensions() == null ? new int[] {2, 3} : g.getPoolingDimensions().clone();
            for (int i = 0; i < dims.length; i++) {
                dims[i] = nchwAxis(inputType, dims[i]);
            }
            b.node(new ReduceMeanNode(name, input, name, dims, !g.isCollapseDimensions()));
            return name;
        }
        if (layer instanceof ZeroPaddingLayer z) {
            int[] p = z.getPadding();
            b.node(new PadNode(name, input, name, new long[] {0, 0, p[0], p[2]}, new long[] {0, 0, p[1], p[3]}, 0));
            return name;
        }
        if (layer instanceof Upsampling2D u) {
            int[] s = u.getSize();
            b.node(ResizeNode.byScale(name, input, name, ResizeNode.Mode.NEAREST, ResizeNode.CoordinateMode.ASYMMETRIC,
                    ResizeNode.NearestMode.FLOOR, s[0], s.length > 1 ? s[1] : s[0]));
            return name;
        }
        throw new Dl4jImporter.Unsupported("layer type " + layer.getClass().getSimpleName());
    }

    /**
     * The graph's axis for DL4J's {@code axis} of a value of type {@code t}: the graph holds every image value
     * as N×C×H×W, so an axis of channels-last (NHWC) data moves; other axes stay.
     */
    static int nchwAxis(InputType t, int axis) {
        if (t instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC) {
            int a = axis < 0 ? axis + 4 : axis;
            if (a >= 0 && a < 4) {
                return TO_NHWC[a];
            }
        }
        return axis;
    }

    private interface Linear {
        void add(String preName);
    }

    /** Adds the linear part (named {@code L/preactivation}, or {@code L} without activation) and the activation. */
    private static String withActivation(BaseLayer layer, String name, GraphBuilder b, Linear linear) {
        if (Dl4jActivations.isIdentity(layer.getActivationFn())) {
            linear.add(name);
            return name;
        }
        String pre = name + PRE;
        linear.add(pre);
        int axis = layer instanceof OutputLayer || layer instanceof DenseLayer ? -1 : 1;
        b.node(Dl4jActivations.node(layer.getActivationFn(), name, pre, name, axis));
        return name;
    }

    /** Padding (top, left, bottom, right) of a window for DL4J's convolution modes. */
    private static int[] pads(ConvolutionMode mode, int[] kernel, int[] stride, int[] padding, int[] dilation,
                              InputType inputType, String name) {
        if (mode == null || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return new int[] {padding[0], padding[1], padding[0], padding[1]};
        }
        if (mode != ConvolutionMode.Same) {
            throw new Dl4jImporter.Unsupported("convolution mode " + mode + " of '" + name + "'");
        }
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new Dl4jImporter.Unsupported("Same mode of '" + name + "' without a convolutional input type");
        }
        long[] in = {c.getHeight(), c.getWidth()};
        int[] before = new int[2];
        int[] after = new int[2];
        for (int i = 0; i < 2; i++) {
            long out = (in[i] + stride[i] - 1) / stride[i];
            long span = (long) (kernel[i] - 1) * dilation[i] + 1;
            long total = Math.max(0, (out - 1) * stride[i] + span - in[i]);
            before[i] = (int) (total / 2);
            after[i] = (int) (total - total / 2);
        }
        return new int[] {before[0], before[1], after[0], after[1]};
    }

    private static int[] dilation(int[] d) {
        return d == null ? new int[] {1, 1} : d;
    }

    private static ConvNode conv(ConvolutionLayer c, String name, String pre, Map<String, INDArray> params,
                                 String input, InputType inputType) {
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] d = dilation(c.getDilation());
        int[] p = pads(c.getConvolutionMode(), k, s, c.getPadding(), d, inputType, name);
        INDArray bias = c.hasBias() ? params.get("b") : null;
        return ConvNode.builder(pre).input(input).output(pre).weight(params.get("W"))
                .bias(bias == null ? null : bias.reshape(bias.length())).strides(s[0], s[1]).dilations(d[0], d[1])
                .pads(p[0], p[1], p[2], p[3]).build();
    }

    /**
     * A depthwise convolution as a grouped convolution with one group per input channel. DL4J keeps the kernel as
     * {@code [kH, kW, C, M]} (M: depth multiplier) and orders the output channels {@code c·M + m}, the order of a
     * grouped convolution's weight {@code [C·M, 1, kH, kW]}.
     */
    private static ConvNode depthwise(DepthwiseConvolution2D c, String name, String pre, Map<String, INDArray> params,
                                      String input, InputType inputType) {
        INDArray w = params.get("W");
        long[] s = w.shape();
        INDArray weight = w.permute(2, 3, 0, 1).dup('c').reshape(s[2] * s[3], 1, s[0], s[1]);
        INDArray bias = c.hasBias() ? params.get("b") : null;
        return windowed(c, name, pre, input, inputType, weight, bias, (int) s[2]);
    }

    /**
     * A separable convolution: the depthwise part ({@code L/depthwise}, kernel {@code [M, C, kH, kW]} in DL4J,
     * output channels {@code c·M + m}, no bias) and the pointwise 1×1 convolution {@code pW} with the bias.
     */
    private static void separable(SeparableConvolution2D c, String name, String pre, Map<String, INDArray> params,
                                  String input, InputType inputType, GraphBuilder b) {
        INDArray w = params.get("W");
        long[] s = w.shape();
        INDArray weight = w.permute(1, 0, 2, 3).dup('c').reshape(s[0] * s[1], 1, s[2], s[3]);
        String depth = name + "/depthwise";
        b.node(windowed(c, name, depth, input, inputType, weight, null, (int) s[1]));
        INDArray bias = c.hasBias() ? params.get("b") : null;
        b.node(ConvNode.builder(pre).input(depth).output(pre).weight(params.get("pW"))
                .bias(bias == null ? null : bias.reshape(bias.length())).build());
    }

    /** A convolution node with {@code c}'s kernel size, strides, dilations and padding mode. */
    private static ConvNode windowed(ConvolutionLayer c, String name, String node, String input, InputType inputType,
                                     INDArray weight, INDArray bias, int groups) {
        int[] k = c.getKernelSize();
        int[] st = c.getStride();
        int[] d = dilation(c.getDilation());
        int[] p = pads(c.getConvolutionMode(), k, st, c.getPadding(), d, inputType, name);
        return ConvNode.builder(node).input(input).output(node).weight(weight)
                .bias(bias == null ? null : bias.reshape(bias.length())).strides(st[0], st[1]).dilations(d[0], d[1])
                .pads(p[0], p[1], p[2], p[3]).groups(groups).build();
    }

    private static ConvTransposeNode deconv(Deconvolution2D dc, String name, String pre, Map<String, INDArray> params,
                                            String input) {
        if (dc.getConvolutionMode() == ConvolutionMode.Same) {
            throw new Dl4jImporter.Unsupported("Same mode of deconvolution '" + name + "'");
        }
        int[] k = dc.getKernelSize();
        int[] s = dc.getStride();
        int[] d = dilation(dc.getDilation());
        int[] p = dc.getPadding();
        INDArray bias = dc.hasBias() ? params.get("b") : null;
        Window2d w = Window2d.of(k[0], k[1]).strides(s[0], s[1]).dilations(d[0], d[1]).pads(p[0], p[1], p[0], p[1]);
        return new ConvTransposeNode(pre, input, pre, params.get("W"), bias == null ? null : bias.reshape(bias.length()),
                w, 0, 0);
    }

    private static org.xai4j.core.graph.Node pool(SubsamplingLayer s, String name, String input, InputType inputType) {
        int[] k = s.getKernelSize();
        int[] st = s.getStride();
        int[] d = dilation(s.getDilation());
        int[] p = pads(s.getConvolutionMode(), k, st, s.getPadding(), d, inputType, name);
        Window2d w = new Window2d(k[0], k[1], st[0], st[1], d[0], d[1], p[0], p[1], p[2], p[3]);
        return switch (s.getPoolingType()) {
            case MAX -> new MaxPoolNode(name, input, name, w, false);
            case AVG -> new AvgPoolNode(name, input, name, w, s.isAvgPoolIncludePadInDivisor(), false);
            default -> throw new Dl4jImporter.Unsupported(s.getPoolingType() + " pooling of '" + name + "'");
        };
    }

    private static BatchNormNode batchNorm(BatchNormalization bn, String name, String pre, Map<String, INDArray> params,
                                           String input) {
        INDArray mean = params.get("mean");
        long c = mean.length();
        INDArray gamma = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {c}, bn.getGamma(), mean.dataType())
                : params.get("gamma");
        INDArray beta = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {c}, bn.getBeta(), mean.dataType())
                : params.get("beta");
        // With log-std parameters DL4J stores log10 of the standard deviation; inference adds ε to its square.
        INDArray var = bn.isUseLogStd()
                ? Transforms.pow(Nd4j.valueArrayOf(new long[] {c}, 10.0, mean.dataType()),
                        params.get("log10stdev").reshape(c).mul(2), false)
                : params.get("var").reshape(c);
        INDArray std = Transforms.sqrt(var.add(bn.getEps()), false);
        INDArray scale = gamma.reshape(c).div(std);
        INDArray shift = beta.reshape(c).sub(mean.reshape(c).mul(scale));
        return BatchNormNode.affine(pre, input, pre, scale, shift);
    }
}
