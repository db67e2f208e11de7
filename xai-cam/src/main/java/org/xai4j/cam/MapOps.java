package org.xai4j.cam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise steps of the CAM pipeline on flat stacks of maps (N planes of H×W). */
final class MapOps {
    /** Added to the range in min–max normalisation (pytorch-grad-cam's {@code 1e-7}). */
    static final double NORMALIZATION_EPS = 1e-7;

    private MapOps() {
    }

    /** A row-major double copy of {@code a}'s values. */
    static double[] doubles(INDArray a) {
        return org.xai4j.core.util.HostArrays.doubles(a);
    }

    /** An array of {@code type} holding {@code v} (row-major), made without an intermediate copy for float and double. */
    static INDArray array(double[] v, long[] shape, DataType type) {
        return org.xai4j.core.util.HostArrays.array(v, shape, type);
    }

    /** The sum over channels: N×C×P → N×P. */
    static double[] channelSum(double[] x, int rows, int channels, int plane) {
        double[] out = new double[rows * plane];
        for (int i = 0; i < rows; i++) {
            int ob = i * plane;
            for (int c = 0; c < channels; c++) {
                int ib = (i * channels + c) * plane;
                for (int q = 0; q < plane; q++) {
                    out[ob + q] += x[ib + q];
                }
            }
        }
        return out;
    }

    /** max(x, 0), in place. */
    static double[] relu(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                x[i] = 0;
            }
        }
        return x;
    }

    /** Per plane: (m − min) / (max − min + ε), in place. */
    static double[] normalize(double[] x, int planes, int plane) {
        for (int i = 0; i < planes; i++) {
            int b = i * plane;
            double min = Double.POSITIVE_INFINITY;
            for (int q = 0; q < plane; q++) {
                min = Math.min(min, x[b + q]);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < plane; q++) {
                x[b + q] -= min;
                max = Math.max(max, x[b + q]);
            }
            double d = max + NORMALIZATION_EPS;
            for (int q = 0; q < plane; q++) {
                x[b + q] /= d;
            }
        }
        return x;
    }

    /** Reverses the last axis of planes of width {@code width}: a horizontal flip. */
    static double[] flipWidth(double[] x, int width) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            int b = r * width;
            for (int j = 0; j < width; j++) {
                out[b + j] = x[b + width - 1 - j];
            }
        }
        return out;
    }
}
