package org.xai4j.attribution;

import org.xai4j.core.InvalidConfigException;

/**
 * One condition of a CRP concept: channel {@code channel} of layer {@code layer} (a node name or the name of its
 * output value). A concept is a list of conditions on different layers (zennit-crp's condition dictionary without
 * the target), e.g. a channel of a late layer and a channel of an earlier one.
 */
public record ChannelCondition(String layer, int channel) {
    public ChannelCondition {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException("crp: a condition needs a layer");
        }
        if (channel < 0) {
            throw new InvalidConfigException("crp: channel must be ≥ 0 but got " + channel + " for layer '" + layer + "'");
        }
    }
}
