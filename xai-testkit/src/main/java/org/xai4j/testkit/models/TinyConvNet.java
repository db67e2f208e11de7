package org.xai4j.testkit.models;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Names;

/**
 * conv (F filters k×k, stride 1, zero "same" padding, bias) → ReLU → global average pool → linear (K
 * classes), computed with plain loops in double precision. Layers, in order: {@code conv} (N×F×H×W,
 * before the ReLU), {@code relu} (N×F×H×W), {@code gap} (N×F), {@code logits} (N×K, the output).
 *
 * <p>Closed forms: ∂y_k/∂relu_f(y,x) = W[k][f]/(H·W), so Grad-CAM at {@code relu} equals the class
 * activation map Σ_f W[k][f]·relu_f divided by H·W.
 */
public final class TinyConvNet implements LayeredModel {
    /** The layer names in execution order. */
    public static final List<String> LAYERS = List.of("conv", "relu", "gap", "logits");

    private final double[][][][] kernel; // F × C × k × k
    private final double[] convBias; // F
    private final double[][] fc; // K × F
    private final double[] fcBias; // K
    private final int channels;
    private final int filters;
    private final int size;
    private final int height;
    private final int width;

    /**
     * A network with the given weights, which are not copied.
     *
     * @param kernel   F × C × k × k convolution kernels, k odd
     * @param convBias F convolution biases
     * @param fc       K × F head weights
     * @param fcBias   K head biases
     * @param height   H, the input height in pixels
     * @param width    W, the input width in pixels
     * @throws IllegalArgumentException if the kernel size k is even
     */
    public TinyConvNet(double[][][][] kernel, double[] convBias, double[][] fc, double[] fcBias, int height, int width) {
        this.kernel = kernel;
        this.convBias = convBias;
        this.fc = fc;
        this.fcBias = fcBias;
        this.filters = kernel.length;
        this.channels = kernel[0].length;
        this.size = kernel[0][0].length;
        if (size % 2 != 1) {
            throw new IllegalArgumentException("kernel size must be odd for same padding but was " + size);
        }
        this.height = height;
        this.width = width;
    }

    /**
     * Seeded weights: kernels uniform in ±1 scaled by 1/√(C·k²), biases in ±0.1, head weights in ±1.
     *
     * @param seed       the seed of the {@link SplittableRandom} the weights are drawn from
     * @param channels   C, the input channels
     * @param filters    F, the convolution filters
     * @param classes    K, the outputs
     * @param kernelSize k, the kernel side, odd
     * @param height     H, the input height in pixels
     * @param width      W, the input width in pixels
     * @return the network, taking N × C × H × W input; the same seed gives the same network
     * @throws IllegalArgumentException if {@code kernelSize} is even
     */
    public static TinyConvNet random(long seed, int channels, int filters, int classes, int kernelSize, int height, int width) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][][] k = new double[filters][channels][kernelSize][kernelSize];
        double[] cb = new double[filters];
        double scale = 1.0 / Math.sqrt(channels * kernelSize * kernelSize);
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < kernelSize; i++) {
                    for (int j = 0; j < kernelSize; j++) {
                        k[f][c][i][j] = scale * (2 * r.nextDouble() - 1);
                    }
                }
            }
            cb[f] = 0.1 * (2 * r.nextDouble() - 1);
        }
        double[][] fc = new double[classes][filters];
        double[] fb = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int f = 0; f < filters; f++) {
                fc[c][f] = 2 * r.nextDouble() - 1;
            }
            fb[c] = 0.1 * (2 * r.nextDouble() - 1);
        }
        return new TinyConvNet(k, cb, fc, fb, height, width);
    }

    /**
     * The head weight of filter {@code f} for class {@code k}.
     *
     * @param k the class, in [0, K)
     * @param f the filter, in [0, F)
     * @return W[k][f], the weight of filter f's pooled activation in logit k
     */
    public double headWeight(int k, int f) {
        return fc[k][f];
    }

    /**
     * The number of classes.
     *
     * @return K
     */
    public int classes() {
        return fc.length;
    }

    /**
     * The number of conv filters.
     *
     * @return F
     */
    public int filters() {
        return filters;
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {channels, height, width});
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    /** All stages of one forward pass, flat row-major. */
    private final class Pass {
        final int n;
        final double[] x;
        double[] conv;
        double[] relu;
        double[] gap;
        double[] logits;

        Pass(INDArray input) {
            long[] s = input.shape();
            if (s.length != 4 || s[1] != channels || s[2] != height || s[3] != width) {
                throw new InvalidShapeException("TinyConvNet expects N×" + channels + "×" + height + "×" + width
                        + " but got " + java.util.Arrays.toString(s));
            }
            n = (int) s[0];
            x = Arrays2.flat(input);
        }

        void run(String editLayer, UnaryOperator<INDArray> edit, DataType type) {
            int hw = height * width;
            int p = size / 2;
            conv = new double[n * filters * hw];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < filters; f++) {
                    for (int y = 0; y < height; y++) {
                        for (int xx = 0; xx < width; xx++) {
                            double s = convBias[f];
                            for (int c = 0; c < channels; c++) {
                                for (int dy = 0; dy < size; dy++) {
                                    int yy = y + dy - p;
                                    if (yy < 0 || yy >= height) {
                                        continue;
                                    }
                                    for (int dx = 0; dx < size; dx++) {
                                        int xs = xx + dx - p;
                                        if (xs < 0 || xs >= width) {
                                            continue;
                                        }
                                        s += kernel[f][c][dy][dx] * x[((i * channels + c) * height + yy) * width + xs];
                                    }
                                }
                            }
                            conv[(i * filters + f) * hw + y * width + xx] = s;
                        }
                    }
                }
            }
            conv = edit("conv", conv, new long[] {n, filters, height, width}, editLayer, edit, type);
            relu = new double[conv.length];
            for (int j = 0; j < conv.length; j++) {
                relu[j] = Math.max(0, conv[j]);
            }
            relu = edit("relu", relu, new long[] {n, filters, height, width}, editLayer, edit, type);
            gap = new double[n * filters];
            for (int j = 0; j < gap.length; j++) {
                double s = 0;
                for (int q = 0; q < hw; q++) {
                    s += relu[j * hw + q];
                }
                gap[j] = s / hw;
            }
            gap = edit("gap", gap, new long[] {n, filters}, editLayer, edit, type);
            int k = fc.length;
            logits = new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = fcBias[c];
                    for (int f = 0; f < filters; f++) {
                        s += fc[c][f] * gap[i * filters + f];
                    }
                    logits[i * k + c] = s;
                }
            }
            logits = edit("logits", logits, new long[] {n, k}, editLayer, edit, type);
        }

        private double[] edit(String name, double[] v, long[] shape, String editLayer, UnaryOperator<INDArray> edit, DataType type) {
            if (!name.equals(editLayer)) {
                return v;
            }
            INDArray a = Arrays2.array(v, shape, type);
            INDArray e = edit.apply(a);
            if (!java.util.Arrays.equals(e.shape(), shape)) {
                throw new InvalidShapeException("edit of layer " + name + " changed its shape from "
                        + java.util.Arrays.toString(shape) + " to " + java.util.Arrays.toString(e.shape()));
            }
            return Arrays2.flat(e);
        }
    }

    private void requireLayers(Collection<String> layers) {
        for (String l : layers) {
            if (!LAYERS.contains(l)) {
                throw new UnknownLayerException(l, Names.closest(l, LAYERS, 5));
            }
        }
    }

    @Override
    public INDArray predict(INDArray input) {
        Pass p = new Pass(input);
        p.run(null, null, input.dataType());
        return Arrays2.array(p.logits, new long[] {p.n, fc.length}, input.dataType());
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        requireLayers(layers);
        Pass p = new Pass(input);
        DataType t = input.dataType();
        p.run(null, null, t);
        Map<String, INDArray> acts = new HashMap<>();
        for (String l : layers) {
            acts.put(l, stage(p, l, t, false, null));
        }
        return new LayerPass(Arrays2.array(p.logits, new long[] {p.n, fc.length}, t), null, acts, Map.of());
    }

    private INDArray stage(Pass p, String l, DataType t, boolean grad, Map<String, double[]> grads) {
        double[] v = grad ? grads.get(l) : switch (l) {
            case "conv" -> p.conv;
            case "relu" -> p.relu;
            case "gap" -> p.gap;
            default -> p.logits;
        };
        long[] shape = switch (l) {
            case "conv", "relu" -> new long[] {p.n, filters, height, width};
            case "gap" -> new long[] {p.n, filters};
            default -> new long[] {p.n, fc.length};
        };
        return Arrays2.array(v, shape, t);
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        requireLayers(layers);
        Pass p = new Pass(input);
        DataType t = input.dataType();
        p.run(null, null, t);
        INDArray out = Arrays2.array(p.logits, new long[] {p.n, fc.length}, t);
        Map<String, double[]> g = backprop(p, Arrays2.flat(target.seed(out)));
        Map<String, INDArray> acts = new HashMap<>();
        Map<String, INDArray> grads = new HashMap<>();
        for (String l : layers) {
            acts.put(l, stage(p, l, t, false, null));
            grads.put(l, stage(p, l, t, true, g));
        }
        return new LayerPass(out, Arrays2.array(g.get("input"), input.shape(), t), acts, grads);
    }

    private Map<String, double[]> backprop(Pass p, double[] seed) {
        int hw = height * width;
        int k = fc.length;
        int pad = size / 2;
        double[] dGap = new double[p.n * filters];
        for (int i = 0; i < p.n; i++) {
            for (int f = 0; f < filters; f++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += seed[i * k + c] * fc[c][f];
                }
                dGap[i * filters + f] = s;
            }
        }
        double[] dRelu = new double[p.relu.length];
        double[] dConv = new double[p.conv.length];
        for (int j = 0; j < dRelu.length; j++) {
            dRelu[j] = dGap[j / hw] / hw;
            dConv[j] = p.conv[j] > 0 ? dRelu[j] : 0;
        }
        double[] dx = new double[p.x.length];
        for (int i = 0; i < p.n; i++) {
            for (int f = 0; f < filters; f++) {
                for (int y = 0; y < height; y++) {
                    for (int xx = 0; xx < width; xx++) {
                        double go = dConv[(i * filters + f) * hw + y * width + xx];
                        if (go == 0) {
                            continue;
                        }
                        for (int c = 0; c < channels; c++) {
                            for (int dy = 0; dy < size; dy++) {
                                int yy = y + dy - pad;
                                if (yy < 0 || yy >= height) {
                                    continue;
                                }
                                for (int dxx = 0; dxx < size; dxx++) {
                                    int xs = xx + dxx - pad;
                                    if (xs >= 0 && xs < width) {
                                        dx[((i * channels + c) * height + yy) * width + xs] += go * kernel[f][c][dy][dxx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Map<String, double[]> g = new HashMap<>();
        g.put("logits", seed);
        g.put("gap", dGap);
        g.put("relu", dRelu);
        g.put("conv", dConv);
        g.put("input", dx);
        return g;
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        LayerPass lp = backward(input, target, List.of());
        return new Gradients(lp.output(), lp.inputGradient());
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        requireLayers(List.of(layer));
        Pass p = new Pass(input);
        p.run(layer, edit, input.dataType());
        return Arrays2.array(p.logits, new long[] {p.n, fc.length}, input.dataType());
    }

    @Override
    public String id() {
        return "testkit-tiny-conv-" + channels + "x" + height + "x" + width + "-f" + filters + "-k" + fc.length;
    }
}
