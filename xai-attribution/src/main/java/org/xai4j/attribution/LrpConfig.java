package org.xai4j.attribution;

import org.xai4j.attribution.lrp.RelevanceInit;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Lrp}.
 *
 * @param composite which of zennit's composites ({@link LrpTables#NAMES}, kebab-case)
 * @param low       the z<sup>B</sup> lower bound of the input (epsilon-gamma-box's first layer)
 * @param high      the z<sup>B</sup> upper bound ({@code low ≤ high})
 * @param init      the relevance the backward pass starts from (one-hot target, or the target's logit)
 * @param canonize  merge batch norms into the adjacent layers first ({@link org.xai4j.attribution.lrp.MergeBatchNorm})
 * @param batch     how many rows one pass takes
 */
public record LrpConfig(
        @Help("epsilon-plus-flat|epsilon-plus|epsilon-gamma-box|epsilon-alpha2-beta1|epsilon-alpha2-beta1-flat")
        String composite,
        @Help("lowest input value (the z-box bound of epsilon-gamma-box's first layer)") double low,
        @Help("highest input value (the z-box bound of epsilon-gamma-box's first layer)") double high,
        @Help("the relevance at the output: ONE_HOT (zennit) or LOGIT (the target's logit)") RelevanceInit init,
        @Help("merge batch norms into the preceding Conv/Gemm first") boolean canonize,
        @Help("rows per pass") BatchPolicy batch) implements ExplainerConfig {
    /** epsilon-plus-flat, bounds [0, 1] (raw pixels), one-hot start, batch norms merged, 64 rows per pass. */
    public static final LrpConfig DEFAULTS = new LrpConfig("epsilon-plus-flat", 0, 1, RelevanceInit.ONE_HOT, true,
            BatchPolicy.DEFAULT);

    /**
     * Checks the settings and normalises the composite's name.
     *
     * @param composite one of {@link LrpTables#NAMES}; any case, '_' read as '-'
     * @param low       the z<sup>B</sup> lower bound of the input, finite
     * @param high      the z<sup>B</sup> upper bound, finite and ≥ {@code low}
     * @param init      the relevance the backward pass starts from
     * @param canonize  merge batch norms into the adjacent layers first
     * @param batch     how many rows one pass takes
     * @throws InvalidConfigException if {@code composite}, {@code init} or {@code batch} is null, the composite is
     *                                not one of {@link LrpTables#NAMES}, a bound is not finite, or
     *                                {@code low > high}
     */
    public LrpConfig {
        Checks.requireNonNull(composite, "composite");
        Checks.requireNonNull(init, "init");
        Checks.requireNonNull(batch, "batch");
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new InvalidConfigException("lrp: low and high must be finite but got low=" + low + ", high=" + high);
        }
        if (low > high) {
            throw new InvalidConfigException("lrp: low must not exceed high but got low=" + low + " > high=" + high);
        }
        composite = LrpTables.canonicalName(composite);
    }

    /**
     * The rule table of the composite these settings name, built for the settings' z<sup>B</sup> bounds.
     *
     * @return a new table, not yet bound to a graph
     */
    public RuleTable rules() {
        return LrpTables.named(composite, low, high);
    }

    /**
     * A copy with another composite.
     *
     * @param composite one of {@link LrpTables#NAMES}
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code composite} is null or unknown
     */
    public LrpConfig withComposite(String composite) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }

    /**
     * A copy with other z<sup>B</sup> bounds: the lowest and highest value an input element can take, in the
     * input's own units (e.g. [0, 1] for raw pixels, or the normalised range after mean/std normalisation).
     *
     * @param low  the lower bound, finite
     * @param high the upper bound, finite and ≥ {@code low}
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if a bound is not finite or {@code low > high}
     */
    public LrpConfig withBounds(double low, double high) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }

    /**
     * A copy whose backward pass starts from another initial relevance.
     *
     * @param init the relevance at the output; not null
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code init} is null
     */
    public LrpConfig withInit(RelevanceInit init) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }

    /**
     * A copy that merges batch norms into the adjacent layers before the backward pass, or does not.
     *
     * @param canonize true to merge (zennit's canonizer), false to apply the rules to the batch norms as they are
     * @return new settings, the other components unchanged
     */
    public LrpConfig withCanonize(boolean canonize) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }

    /**
     * A copy with another batch policy.
     *
     * @param batch how many rows one pass takes; not null
     * @return new settings, the other components unchanged
     * @throws InvalidConfigException if {@code batch} is null
     */
    public LrpConfig withBatch(BatchPolicy batch) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }
}
