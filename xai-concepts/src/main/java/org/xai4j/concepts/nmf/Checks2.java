package org.xai4j.concepts.nmf;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.HostArrays;

/** Finite checks that name the row. */
final class Checks2 {
    private Checks2() {
    }

    static void requireFinite(INDArray block, String what, long row0) {
        if (HostArrays.allFinite(block)) {
            return;
        }
        double[] x = HostArrays.doubles(block);
        int c = (int) block.size(1);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new NonFiniteValueException(what + " holds " + x[i] + " at row " + (row0 + i / c) + ", column " + (i % c));
            }
        }
    }
}
