package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Road} (Rong et al. 2022). */
@Withers
public record RoadConfig(
        @Help("most relevant first (MoRF) or least relevant first (LeRF)") PerturbationOrder order,
        @Help("the fractions of pixels removed, each in (0, 1), increasing") double[] fractions,
        @Help("sd of the imputation noise") double noiseSd,
        @Help("seed of the imputation noise") long seed,
        @Help("rows per model call") BatchPolicy batch) implements WithSeed, WithBatch, RoadConfigWithers {
    /** Most relevant first, fractions 0.1, 0.2, …, 0.9, imputation noise σ = 0.01 (as the ROAD paper), seed 0, the
     * default batch policy. */
    public static final RoadConfig DEFAULTS = new RoadConfig(PerturbationOrder.MOST_RELEVANT_FIRST,
            new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 0.01, 0, BatchPolicy.DEFAULT);
    /** @param order see {@link #order()}
     * @param fractions see {@link #fractions()}
     * @param noiseSd see {@link #noiseSd()}
     * @param seed see {@link #seed()}
     * @param batch see {@link #batch()}
     * @throws InvalidConfigException if {@code order} is null, {@code fractions} is null, {@code batch} is null, {@code
     *     noiseSd} is negative or not finite, or {@code fractions} is empty, not increasing or not inside (0, 1) */
    public RoadConfig {
        Checks.requireNonNull(order, "order");
        Checks.requireNonNull(fractions, "fractions");
        Checks.requireNonNull(batch, "batch");
        if (fractions.length == 0) {
            throw new InvalidConfigException("ROAD needs at least one fraction of pixels to remove");
        }
        fractions = fractions.clone();
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] > 0 && fractions[i] < 1)) {
                throw new InvalidConfigException("ROAD fractions must lie in (0, 1) but fraction " + i + " is "
                        + fractions[i]);
            }
            if (i > 0 && fractions[i] <= fractions[i - 1]) {
                throw new InvalidConfigException("ROAD fractions must increase but are " + Arrays.toString(fractions));
            }
        }
        Checks.requireNonNegative(noiseSd, "noiseSd");
    }
    /** {@return a copy of the fractions of pixels removed, each in (0, 1), increasing} */
    @Override public double[] fractions() { return fractions.clone(); }
}
