package org.xai4j.attribution.lrp;

import org.xai4j.core.InvalidConfigException;

/**
 * One condition of a CRP concept: channel {@code channel} of layer {@code layer} (a node name or the name of its
 * output value). A concept is a list of conditions on different layers (zennit-crp's condition dictionary without
 * the target), e.g. a channel of a late layer and a channel of an earlier one.
 *
 * @param layer   the layer's node name or the name of its output value; not null or blank
 * @param channel the channel index on the layer's second axis (C of N × C × …), ≥ 0; checked against the layer's
 *                channel count only when {@link Crp} runs
 */
public record ChannelCondition(String layer, int channel) {
    /**
     * Checks the condition.
     *
     * @param layer   the layer's node name or output value name; not null or blank
     * @param channel the channel index, ≥ 0
     * @throws InvalidConfigException if {@code layer} is null or blank or {@code channel} is negative
     */
    public ChannelCondition {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("crp: a condition needs a layer");
        }
        if (channel < 0) {
            throw new InvalidConfigException("crp: channel must be ≥ 0 but got " + channel + " for layer '" + layer + "'");
        }
    }
}
