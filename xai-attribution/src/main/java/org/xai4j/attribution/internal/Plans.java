package org.xai4j.attribution.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.attribution.AttributionMethod;

/**
 * What the attribution methods' plans share: the input's rows, counted after the checks {@link
 * AttributionMethod#explain} runs first (so a plan of a bad input fails the way the call would), and the words
 * for a count of rows. Each method writes its own formula next to its algorithm.
 */
public final class Plans {
    private Plans() {
    }

    /** The number of rows of a caller's input, after {@link ModelCalls#requireInput}. */
    public static long rows(PredictionFunction model, INDArray input) {
        ModelCalls.requireInput(model, input, "input");
        return input.size(0);
    }

    /** "× 3 input rows" (or "× 1 input row"). */
    public static String times(long rows) {
        return "× " + rows + " input row" + (rows == 1 ? "" : "s");
    }
}
