package org.xai4j.testkit.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between ND4J arrays and flat row-major double arrays. */
final class Arrays2 {
    private Arrays2() {
    }

    static double[] flat(INDArray a) {
        return org.xai4j.core.util.HostArrays.doubles(a);
    }

    static INDArray array(double[] data, long[] shape, DataType type) {
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    static long rowLength(INDArray input) {
        return input.length() / input.size(0);
    }

    static long[] rowShape(long[] shape) {
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }
}
