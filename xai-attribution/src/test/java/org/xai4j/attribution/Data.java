package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Rng;

/** Seeded test inputs. */
final class Data {
    private Data() {
    }

    static INDArray uniform(long seed, DataType type, long... shape) {
        return Rng.seeded(seed).uniform(type, -1, 1, shape);
    }

    static INDArray uniform(long seed, long... shape) {
        return uniform(seed, DataType.DOUBLE, shape);
    }
}
