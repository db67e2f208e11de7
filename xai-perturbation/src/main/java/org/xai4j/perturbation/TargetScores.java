package org.xai4j.perturbation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/**
 * Target scores of a model output as a {@code double[]}, one per output row. A {@link ClassTarget} on an N×K
 * float or double output is read straight from the host copy of the output: the score is the chosen
 * column's value, the same number ND4J's {@code Σ_k output ⊙ one-hot} gives (adding exact zeros to one value;
 * {@code + 0} turns a −0 into the +0 that sum starts from), without the one-hot seed, the product and the
 * reduction (five native allocations per model batch). Every other target goes through
 * {@link Target#scores}.
 */
final class TargetScores {
    private TargetScores() {
    }

    /** The score of every row of {@code output} under {@code rowTarget}, which stands for one row, repeated. */
    static double[] repeated(Target rowTarget, INDArray output) {
        int n = (int) output.size(0);
        if (rowTarget instanceof ClassTarget ct && readable(output, ct.classOf(0))) {
            int[] classes = new int[n];
            java.util.Arrays.fill(classes, ct.classOf(0));
            return columns(output, classes);
        }
        return generic(rowTarget.repeatEach(1, n), output);
    }

    /** The score of every row of {@code output} under a target resolved for exactly those rows. */
    static double[] perRow(Target resolved, INDArray output) {
        int n = (int) output.size(0);
        if (resolved instanceof ClassTarget ct && (ct.isShared() || n == 1)) {
            int c = ct.classOf(0);
            if (readable(output, c)) {
                int[] classes = new int[n];
                java.util.Arrays.fill(classes, c);
                return columns(output, classes);
            }
        }
        return generic(resolved, output);
    }

    private static boolean readable(INDArray output, int c) {
        DataType t = output.dataType();
        return output.rank() == 2 && (t == DataType.FLOAT || t == DataType.DOUBLE) && c >= 0 && c < output.size(1);
    }

    private static double[] columns(INDArray output, int[] classes) {
        int k = (int) output.size(1);
        double[] s = new double[classes.length];
        if (output.dataType() == DataType.FLOAT) {
            float[] v = HostArrays.floats(output);
            for (int i = 0; i < s.length; i++) {
                s[i] = v[i * k + classes[i]] + 0.0f;
            }
        } else {
            double[] v = HostArrays.doubles(output);
            for (int i = 0; i < s.length; i++) {
                s[i] = v[i * k + classes[i]] + 0.0;
            }
        }
        return s;
    }

    private static double[] generic(Target target, INDArray output) {
        return target.scores(output).castTo(DataType.DOUBLE).toDoubleVector();
    }
}
