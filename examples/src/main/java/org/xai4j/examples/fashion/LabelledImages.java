package org.xai4j.examples.fashion;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images (N × C × H × W, values in [0, 1]) with their labels and the class names the labels index.
 *
 * @param images  the images
 * @param labels  one label per image, 0 … classes − 1
 * @param classes the class names
 */
public record LabelledImages(INDArray images, int[] labels, List<String> classes) {
    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The one-hot labels, N × K float. */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes.size());
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1);
        }
        return y;
    }

    /** The images at {@code indices}, in that order. */
    public LabelledImages rows(int[] indices) {
        long[] idx = new long[indices.length];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            idx[i] = indices[i];
            y[i] = labels[indices[i]];
        }
        return new LabelledImages(images.get(NDArrayIndex.indices(idx)).dup(), y, classes);
    }

    /** Image {@code i} as a 1 × C × H × W tensor. */
    public INDArray image(int i) {
        return images.get(NDArrayIndex.interval(i, i + 1)).dup();
    }
}
