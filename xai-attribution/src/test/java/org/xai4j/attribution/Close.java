package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;

/** Array comparisons for the tests: the worst element error relative to the expected array's largest magnitude. */
final class Close {
    private Close() {
    }

    /** max |actual − expected| / max(max |expected|, tiny). */
    static double relativeError(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as("shape").containsExactly(expected.shape());
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1e-300, e.amaxNumber().doubleValue());
        return a.sub(e).amaxNumber().doubleValue() / scale;
    }

    /** Fails unless the relative error is at most {@code tol}; returns it for reporting. */
    static double check(String what, INDArray actual, INDArray expected, double tol) {
        double err = relativeError(actual, expected);
        if (!(err <= tol)) {
            fail("%s: relative error %s exceeds %s%nactual   %s%nexpected %s", what, err, tol, actual, expected);
        }
        return err;
    }

    /** Fails unless {@code actual} is of {@code type} and holds exactly the bits of {@code expected}, row-major. */
    static void bits(String what, INDArray actual, DataType type, double[] expected) {
        assertThat(actual.dataType()).as(what).isEqualTo(type);
        double[] v = HostArrays.doubles(actual);
        long[] got = new long[v.length];
        long[] want = new long[expected.length];
        for (int i = 0; i < v.length; i++) {
            got[i] = Double.doubleToRawLongBits(v[i]);
        }
        for (int i = 0; i < expected.length; i++) {
            want[i] = Double.doubleToRawLongBits(expected[i]);
        }
        assertThat(got).as("%s: bits of %s against %s", what, java.util.Arrays.toString(v),
                java.util.Arrays.toString(expected)).containsExactly(want);
    }
}
