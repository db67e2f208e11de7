package org.xai4j.core.graph.node;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Retention;

/**
 * Spatial resizing of NCHW input (ONNX Resize and Upsample, DL4J's Upsampling2D), nearest or (bi)linear,
 * with ONNX's coordinate transformations and nearest rounding modes. Both modes are separable linear maps,
 * so the node applies an interpolation matrix per axis, {@code Y = R_h · X · R_wᵀ}, and backward applies
 * the transposes; the matrices are cached per size.
 */
public final class ResizeNode extends AbstractNode {
    /** Interpolation. */
    public enum Mode {
        /** The nearest input pixel, rounded as {@link NearestMode} says (ONNX {@code mode="nearest"}). */
        NEAREST,
        /** Bilinear interpolation between the four nearest input pixels (ONNX {@code mode="linear"}). */
        LINEAR
    }

    /** How an output coordinate maps to an input coordinate (ONNX {@code coordinate_transformation_mode}). */
    public enum CoordinateMode {
        /** {@code x_in = (x_out + 0.5) / scale − 0.5} (PyTorch's {@code align_corners=False}). */
        HALF_PIXEL,
        /** As {@link #HALF_PIXEL}, except that an output of length 1 maps to input coordinate 0. */
        PYTORCH_HALF_PIXEL,
        /**
         * {@code x_in = x_out · (in − 1) / (out − 1)}: the corner pixels' centres coincide (0 for an output of
         * length 1).
         */
        ALIGN_CORNERS,
        /** {@code x_in = x_out / scale} (no half-pixel shift; ONNX Upsample, PyTorch's nearest mode). */
        ASYMMETRIC,
        /** {@code x_in = (x_out + 0.5) / scale} (TensorFlow's half-pixel centres for nearest neighbour). */
        TF_HALF_PIXEL_FOR_NN
    }

    /** Rounding of nearest mode (ONNX {@code nearest_mode}). */
    public enum NearestMode {
        /** Round to the nearest integer, halves down. */
        ROUND_PREFER_FLOOR,
        /** Round to the nearest integer, halves up. */
        ROUND_PREFER_CEIL,
        /** Round down (PyTorch's nearest mode). */
        FLOOR,
        /** Round up. */
        CEIL
    }

    private final Mode mode;
    private final CoordinateMode coordinateMode;
    private final NearestMode nearestMode;
    private final double[] scales;
    private final long[] sizes;
    private final Map<String, INDArray> matrices = new ConcurrentHashMap<>();

    private ResizeNode(String name, String input, String output, Mode mode, CoordinateMode coordinateMode,
                       NearestMode nearestMode, double[] scales, long[] sizes) {
        super(name, List.of(input), output);
        if ((scales == null) == (sizes == null) || (scales != null && scales.length != 2)
                || (sizes != null && sizes.length != 2)) {
            throw new InvalidConfigException("resize '" + name + "' needs either two scales (H, W) or two sizes");
        }
        if (scales != null && (!(scales[0] > 0) || !(scales[1] > 0))) {
            throw new InvalidConfigException("resize '" + name + "': scales must be positive but got "
                    + Arrays.toString(scales));
        }
        this.mode = mode;
        this.coordinateMode = coordinateMode;
        this.nearestMode = nearestMode;
        this.scales = scales == null ? null : scales.clone();
        this.sizes = sizes == null ? null : sizes.clone();
    }

    /**
     * Resizing by scale factors along H and W (output size {@code floor(in·scale)}).
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param mode nearest or linear
     * @param coordinates how output coordinates map to input coordinates
     * @param nearest the rounding of nearest mode
     * @param scaleH the factor along H, &gt; 0
     * @param scaleW the factor along W, &gt; 0
     * @return the node
     * @throws InvalidConfigException if a scale is not positive
     */
    public static ResizeNode byScale(String name, String input, String output, Mode mode, CoordinateMode coordinates,
                                     NearestMode nearest, double scaleH, double scaleW) {
        return new ResizeNode(name, input, output, mode, coordinates, nearest, new double[] {scaleH, scaleW}, null);
    }

    /**
     * Resizing to a fixed output height and width.
     *
     * @param name the node's name, not empty
     * @param input the name of the value it reads
     * @param output the name of the value it writes
     * @param mode nearest or linear
     * @param coordinates how output coordinates map to input coordinates
     * @param nearest the rounding of nearest mode
     * @param height the output height
     * @param width the output width
     * @return the node
     */
    public static ResizeNode toSize(String name, String input, String output, Mode mode, CoordinateMode coordinates,
                                    NearestMode nearest, long height, long width) {
        return new ResizeNode(name, input, output, mode, coordinates, nearest, null, new long[] {height, width});
    }

    @Override
    public String opType() {
        return "Resize";
    }

    /**
     * The interpolation.
     *
     * @return nearest or linear
     */
    public Mode mode() {
        return mode;
    }

    /**
     * How output coordinates map to input coordinates.
     *
     * @return ONNX's {@code coordinate_transformation_mode}
     */
    public CoordinateMode coordinateMode() {
        return coordinateMode;
    }

    @Override
    public Retention retention() {
        return Retention.NONE;
    }

    private long outSize(int axis, long in) {
        return sizes != null ? sizes[axis] : (long) Math.floor(in * scales[axis]);
    }

    private double scale(int axis, long in, long out) {
        return scales != null ? scales[axis] : (double) out / in;
    }

    /** The {@code out × in} interpolation matrix of one axis. */
    INDArray matrix(int axis, long in, long out, DataType type) {
        String key = axis + ":" + in + ":" + out + ":" + type;
        return matrices.computeIfAbsent(key, k -> build(axis, in, out).castTo(type));
    }

    private INDArray build(int axis, long in, long out) {
        double s = scale(axis, in, out);
        double[][] r = new double[(int) out][(int) in];
        for (int o = 0; o < out; o++) {
            double x = switch (coordinateMode) {
                case HALF_PIXEL -> (o + 0.5) / s - 0.5;
                case PYTORCH_HALF_PIXEL -> out > 1 ? (o + 0.5) / s - 0.5 : 0;
                case ALIGN_CORNERS -> out == 1 ? 0 : o * (double) (in - 1) / (out - 1);
                case ASYMMETRIC -> o / s;
                case TF_HALF_PIXEL_FOR_NN -> (o + 0.5) / s;
            };
            if (mode == Mode.NEAREST) {
                long i = switch (nearestMode) {
                    case FLOOR -> (long) Math.floor(x);
                    case CEIL -> (long) Math.ceil(x);
                    case ROUND_PREFER_FLOOR -> x - Math.floor(x) == 0.5 ? (long) Math.floor(x) : Math.round(x);
                    case ROUND_PREFER_CEIL -> x - Math.floor(x) == 0.5 ? (long) Math.ceil(x) : Math.round(x);
                };
                r[o][(int) clamp(i, in)] = 1;
            } else {
                double f = Math.floor(x);
                double w1 = x - f;
                long i0 = clamp((long) f, in);
                long i1 = clamp((long) f + 1, in);
                r[o][(int) i0] += 1 - w1;
                r[o][(int) i1] += w1;
            }
        }
        return Nd4j.createFromArray(r);
    }

    private static long clamp(long i, long n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** {@code A · X · Bᵀ} for every N×C slice: {@code a} is {@code [h', h]}, {@code bT} is {@code [w, w']}. */
    private static INDArray apply(INDArray x, INDArray a, INDArray bT) {
        long n = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long h2 = a.size(0);
        long w2 = bT.size(1);
        // Every intermediate below is this call's own; x, a and bT (cached matrices or the caller's) are not.
        INDArray xr = x.reshape('c', n * c * h, w);
        INDArray t = Ops.mmul(xr, bT); // [n·c·h, w']
        Ops.release(xr, t, x, a, bT);
        INDArray t3 = t.reshape('c', n * c, h, w2);
        INDArray th = t3.permute(1, 0, 2).dup('c').reshape('c', h, n * c * w2);
        Ops.release(t3, th, x, a, bT);
        Ops.release(t, th, x, a, bT);
        INDArray y = Ops.mmul(a, th); // [h', n·c·w']
        Ops.release(th, y, x, a, bT);
        INDArray y3 = y.reshape('c', h2, n * c, w2);
        INDArray out = y3.permute(1, 0, 2).dup('c').reshape('c', n, c, h2, w2);
        Ops.release(y3, out, x, a, bT);
        Ops.release(y, out, x, a, bT);
        return out;
    }

    @Override
    public INDArray forward(INDArray... inputs) {
        requireInputs(inputs, 1);
        INDArray x = inputs[0];
        requireRank(x, 4, "input");
        long oh = outSize(0, x.size(2));
        long ow = outSize(1, x.size(3));
        if (oh < 1 || ow < 1) {
            throw new InvalidShapeException("resize '" + name() + "' leaves no output for input " + Arrays.toString(x.shape()));
        }
        INDArray rh = matrix(0, x.size(2), oh, x.dataType());
        INDArray rw = matrix(1, x.size(3), ow, x.dataType());
        return apply(x, rh, rw.transpose());
    }

    @Override
    public INDArray[] backward(BackwardContext context, INDArray upstream) {
        long[] s = context.inputShape(0);
        INDArray rh = matrix(0, s[2], upstream.size(2), upstream.dataType());
        INDArray rw = matrix(1, s[3], upstream.size(3), upstream.dataType());
        return new INDArray[] {apply(upstream, rh.transpose(), rw)};
    }
}
