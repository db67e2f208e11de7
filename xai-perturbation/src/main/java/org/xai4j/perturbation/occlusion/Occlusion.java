package org.xai4j.perturbation.occlusion;

import org.xai4j.perturbation.PerturbationExplainer;
import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.perturbation.ModelEvaluator;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.Rows;

/**
 * Occlusion (Zeiler and Fergus, ECCV 2014) with Captum's conventions: a window slides over each row with
 * the configured strides (⌊(size − window)/stride⌋ + 1 positions per axis), every position is replaced by
 * the baseline, and every element gets the mean, over the windows that cover it, of the drop in the
 * target score {@code f(x) − f(x occluded)}. Elements no window covers get 0. Works for any
 * {@link Target}, including segmentation masks.
 */
public final class Occlusion extends PerturbationExplainer<OcclusionConfig, Attribution> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "occlusion";

    /**
     * Sliding-window occlusion of {@code model}.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the window, strides, baseline, seed for random baselines and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public Occlusion(PredictionFunction model, OcclusionConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.BASELINE);
    }

    /** Rows × (windows + 1): one forward of the input (to resolve the target), one per window position and row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        return Optional.of(plan(input.size(0), windows(Rows.rowShape(input))));
    }

    private Plan plan(long n, Windows windows) {
        return new Plan(NAME, Math.multiplyExact(n, windows.count + 1L), "the window positions (raise stride or window)",
                "(1 forward + " + windows.count + " window positions) × " + n + " input row" + (n == 1 ? "" : "s"));
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        long[] rowShape = Rows.rowShape(input);
        Windows windows = windows(rowShape);
        int n = (int) input.size(0);
        Limits.start(plan(n, windows));
        OriginalScores original = OriginalScores.compute(model, input, target, config.batch());
        ModelEvaluator evaluator = new ModelEvaluator(model, config.batch());
        List<double[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(explainRow(Rows.row(input, i), original.scores()[i], original.resolved().select(i), i,
                    windows, evaluator));
        }
        INDArray values = Rows.stackValues(rows, rowShape, input.dataType());
        Provenance p = Provenance.of(descriptor(), model, original.resolved().describe(),
                config.baseline().describe(), config.baseline().isRandom() ? config.seed() : null);
        return new Attribution(values, null, p);
    }

    private double[] explainRow(INDArray row, double fx, Target rowTarget, int index, Windows w, ModelEvaluator evaluator) {
        long[] shape = row.shape();
        INDArray reference = Rows.reference(config.baseline(), row, config.seed());
        DataType type = row.dataType();
        int len = (int) row.length();
        int run = w.runLength();
        int[] starts = new int[w.runsPerWindow()];
        // float rows stay float (no double round trip); x, ref and the batch are all float[] or all double[]
        boolean floats = type == DataType.FLOAT;
        Object x = floats ? HostArrays.floats(row) : HostArrays.doubles(row);
        Object ref = floats ? HostArrays.floats(reference) : HostArrays.doubles(reference);
        Object[] scratch = new Object[1];
        ModelEvaluator.BatchBuilder builder = (from, to) -> {
            int size = (to - from) * len;
            Object out = scratch[0] != null && java.lang.reflect.Array.getLength(scratch[0]) == size ? scratch[0]
                    : floats ? new float[size] : new double[size];
            scratch[0] = out;
            for (int p = from; p < to; p++) {
                int off = (p - from) * len;
                System.arraycopy(x, 0, out, off, len);
                w.runStarts(p, starts);
                for (int start : starts) {
                    System.arraycopy(ref, start, out, off + start, run);
                }
            }
            long[] batchShape = shape.clone();
            batchShape[0] = to - from;
            return floats ? HostArrays.floatArray((float[]) out, batchShape) : HostArrays.array((double[]) out, batchShape, type);
        };
        double[] scores = evaluator.scores(w.count, (long) len * type.width(), rowTarget, index, builder);
        double[] sum = new double[len];
        int[] count = new int[len];
        for (int p = 0; p < w.count; p++) {
            double drop = fx - scores[p];
            w.runStarts(p, starts);
            for (int start : starts) {
                for (int e = start; e < start + run; e++) {
                    sum[e] += drop;
                    count[e]++;
                }
            }
        }
        for (int e = 0; e < len; e++) {
            sum[e] = count[e] == 0 ? 0.0 : sum[e] / count[e];
        }
        return sum;
    }

    /** The window positions over rows of {@code rowShape}, or an error naming the axis that does not fit. */
    Windows windows(long[] rowShape) {
        int[] window = config.window();
        int[] strides = config.strides();
        int r = rowShape.length;
        if (window.length == 1 && r >= 2) {
            // one number on image-like rows means a square window (and stride) over the last two axes
            window = new int[] {window[0], window[0]};
            strides = new int[] {strides[0], strides[0]};
        }
        if (window.length > r) {
            throw new InvalidShapeException("occlusion window " + Arrays.toString(window) + " has " + window.length
                    + " axes but input rows have only " + r + " (shape " + Arrays.toString(rowShape) + ")");
        }
        int[] size = new int[r];
        int[] win = new int[r];
        int[] str = new int[r];
        for (int d = 0; d < r; d++) {
            size[d] = (int) rowShape[d];
            int k = d - (r - window.length);
            win[d] = k < 0 ? size[d] : window[k];
            str[d] = k < 0 ? size[d] : strides[k];
            if (win[d] > size[d]) {
                throw new InvalidShapeException("occlusion window " + Arrays.toString(window) + " is larger than input rows "
                        + Arrays.toString(rowShape) + " on axis " + (d + 1) + " (" + win[d] + " > " + size[d] + ")");
            }
        }
        return new Windows(size, win, str);
    }

    /** Sliding-window positions, numbered row-major over the per-axis position counts. */
    static final class Windows {
        final int[] size;
        final int[] win;
        final int[] str;
        final int[] positions;
        final int count;

        Windows(int[] size, int[] win, int[] str) {
            this.size = size;
            this.win = win;
            this.str = str;
            this.positions = new int[size.length];
            long c = 1;
            for (int d = 0; d < size.length; d++) {
                positions[d] = (size[d] - win[d]) / str[d] + 1;
                c *= positions[d];
            }
            this.count = Math.toIntExact(c);
        }

        /** The number of elements a window covers along the last axis: the length of each of its runs. */
        int runLength() {
            return win[win.length - 1];
        }

        /** The number of runs of consecutive elements a window covers (the product of its other extents). */
        int runsPerWindow() {
            int n = 1;
            for (int d = 0; d < win.length - 1; d++) {
                n *= win[d];
            }
            return n;
        }

        /**
         * Writes the first flat row index of every run of consecutive elements that window {@code p} covers
         * into {@code starts} (length {@link #runsPerWindow()}), in row-major order; each run is
         * {@link #runLength()} long.
         */
        void runStarts(int p, int[] starts) {
            int r = size.length;
            int flat = 0;
            int stride = 1;
            int rest = p;
            int[] startOf = new int[r];
            int[] strideOf = new int[r];
            for (int d = r - 1; d >= 0; d--) {
                startOf[d] = (rest % positions[d]) * str[d];
                rest /= positions[d];
                strideOf[d] = stride;
                flat += startOf[d] * stride;
                stride *= size[d];
            }
            int[] idx = new int[r];
            for (int k = 0; k < starts.length; k++) {
                int offset = flat;
                for (int d = 0; d < r - 1; d++) {
                    offset += idx[d] * strideOf[d];
                }
                starts[k] = offset;
                for (int d = r - 2; d >= 0 && ++idx[d] == win[d]; d--) {
                    idx[d] = 0;
                }
            }
        }
    }
}
