package org.xai4j.attribution.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;

/** Baselines made for a batch and checked: the input's shape, finite. */
public final class References {
    private References() {
    }

    /**
     * The baseline for every row of {@code input}. A random baseline is drawn row by row, each row from a
     * generator seeded with {@code seed} alone, so a row's baseline does not depend on the other rows.
     */
    public static INDArray of(Baseline baseline, INDArray input, long seed) {
        INDArray ref;
        if (baseline.isRandom() && input.size(0) > 1) {
            INDArray[] parts = new INDArray[(int) input.size(0)];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = baseline.referenceFor(Batching.rows(input, i, i + 1), Rng.seeded(seed));
                check(parts[i], Batching.rows(input, i, i + 1), baseline);
            }
            ref = Nd4j.concat(0, parts);
        } else {
            ref = baseline.referenceFor(input, Rng.seeded(seed));
        }
        check(ref, input, baseline);
        return ref;
    }

    private static void check(INDArray ref, INDArray input, Baseline baseline) {
        if (ref == null) {
            throw new InvalidShapeException("baseline " + baseline.describe() + " returned null");
        }
        if (!Arrays.equals(ref.shape(), input.shape())) {
            throw new InvalidShapeException("baseline " + baseline.describe() + " has shape " + Arrays.toString(ref.shape())
                    + " but the input has shape " + Arrays.toString(input.shape()));
        }
        Checks.requireFinite(ref, "baseline " + baseline.describe());
    }
}
