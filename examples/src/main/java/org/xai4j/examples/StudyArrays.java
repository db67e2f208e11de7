package org.xai4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Small array chores the studies share: picking rows, an accuracy, a list for the JSON summary. */
public final class StudyArrays {
    private StudyArrays() {
    }

    /**
     * A copy of the rows {@code idx} of {@code images}, in that order.
     *
     * @param images rows along the first axis
     * @param idx the row numbers to keep
     * @return a new array
     */
    public static INDArray rows(INDArray images, int[] idx) {
        long[] l = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = idx[i];
        }
        return images.get(NDArrayIndex.indices(l)).dup();
    }

    /**
     * The share of rows whose prediction equals the label.
     *
     * @param predicted the predicted classes
     * @param labels the true classes, as many
     * @return a value in [0, 1]
     */
    public static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    /**
     * {@code v} as a list, for a JSON summary.
     *
     * @param v values
     * @return a new list
     */
    public static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
