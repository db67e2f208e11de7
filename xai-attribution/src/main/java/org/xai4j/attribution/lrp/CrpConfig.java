package org.xai4j.attribution.lrp;

import java.util.List;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithLayer;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;

/** Settings of {@link Crp}. */
@Withers
public record CrpConfig(
        @Help("the layer whose channels condition the relevance") String layer,
        @Help("the channels of the layer, each alone") List<Integer> channels,
        @Help("the LRP settings of the backward pass") LrpConfig lrp,
        @Help("leave out relevance flowing around the layer (skip connections), as zennit-crp's exclude_parallel")
        boolean excludeParallel) implements WithLayer, CrpConfigWithers {
    /** Settings with parallel paths excluded (zennit-crp's default); refuses what the canonical constructor does.
     * @param layer see {@link #layer()}
     * @param channels see {@link #channels()}
     * @param lrp see {@link #lrp()} */
    public CrpConfig(String layer, List<Integer> channels, LrpConfig lrp) { this(layer, channels, lrp, true); }
    /** Checks the settings and copies {@code channels}.
     * @param layer see {@link #layer()}
     * @param channels see {@link #channels()}
     * @param lrp see {@link #lrp()}
     * @param excludeParallel see {@link #excludeParallel()}
     * @throws InvalidConfigException if {@code layer} is null or blank, {@code lrp} is null, or {@code channels} is
     *     null, empty, holds a null or negative channel, or repeats one */
    public CrpConfig {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("crp: a layer is required");
        }
        Checks.requireNonNull(lrp, "lrp");
        if (channels == null || channels.isEmpty()) {
            throw new InvalidConfigException("crp: channels must name at least one channel");
        }
        channels = List.copyOf(channels);
        for (Integer c : channels) {
            if (c == null || c < 0) {
                throw new InvalidConfigException("crp: channels must be ≥ 0 but got " + channels);
            }
        }
        if (channels.stream().distinct().count() != channels.size()) {
            throw new InvalidConfigException("crp: channels must be distinct but got " + channels);
        }
    }
    /** The LRP settings CRP uses by default: epsilon-plus-flat (zennit-crp's usual composite), batch norms merged, and
     * the relevance starting at the target's logit, as zennit-crp's {@code CondAttribution} does (its {@code
     * relevance_init} keeps the prediction's value at the target; zennit's own attributor starts from the one-hot
     * vector, {@link LrpConfig#DEFAULTS}). */
    public static final LrpConfig LRP_DEFAULTS = LrpConfig.DEFAULTS.withInit(RelevanceInit.LOGIT);
    /** {@return channels {@code channels} of {@code layer} with {@link #LRP_DEFAULTS}, parallel paths excluded}
     * @param layer see {@link #layer()}
     * @param channels see {@link #channels()} */
    public static CrpConfig of(String layer, List<Integer> channels) {
        return new CrpConfig(layer, channels, LRP_DEFAULTS);
    }
    /** {@return the LRP rule table of {@link #lrp()}} */
    public RuleTable rules() { return lrp.rules(); }
}
