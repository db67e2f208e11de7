package org.xai4j.attribution.lrp;

import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Lrp}. */
@Withers
public record LrpConfig(
        @Help("epsilon-plus-flat|epsilon-plus|epsilon-gamma-box|epsilon-alpha2-beta1|epsilon-alpha2-beta1-flat")
        String composite,
        @Help("lowest input value (the z-box bound of epsilon-gamma-box's first layer)") double low,
        @Help("highest input value (the z-box bound of epsilon-gamma-box's first layer)") double high,
        @Help("the relevance at the output: ONE_HOT (zennit) or LOGIT (the target's logit)") RelevanceInit init,
        @Help("merge batch norms into the preceding Conv/Gemm first") boolean canonize,
        @Help("rows per pass") BatchPolicy batch) implements WithBatch, LrpConfigWithers {
    /** epsilon-plus-flat, bounds [0, 1] (raw pixels), one-hot start, batch norms merged, 64 rows per pass. */
    public static final LrpConfig DEFAULTS = new LrpConfig("epsilon-plus-flat", 0, 1, RelevanceInit.ONE_HOT, true,
            BatchPolicy.DEFAULT);
    /** Checks the settings and normalises the composite's name.
     * @param composite see {@link #composite()}
     * @param low see {@link #low()}
     * @param high see {@link #high()}
     * @param init see {@link #init()}
     * @param canonize see {@link #canonize()}
     * @param batch see {@link #batch()}
     * @throws InvalidConfigException if {@code composite}, {@code init} or {@code batch} is null, the composite is not
     *     one of {@link LrpTables#NAMES}, a bound is not finite, or {@code low > high} */
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
    /** {@return a new rule table of the composite named here, for these z<sup>B</sup> bounds (not yet bound)} */
    public RuleTable rules() { return LrpTables.named(composite, low, high); }
    /** {@return a copy with {@code low} and {@code high} replaced}
     * @param low the new value
     * @param high the new value */
    public LrpConfig withBounds(double low, double high) {
        return new LrpConfig(composite, low, high, init, canonize, batch);
    }
}
