package org.xai4j.core;

import org.xai4j.core.util.BatchPolicy;

/**
 * Settings that hand rows to the model (or to a wrapped method) in batches. Every such record spells the setting
 * the same way, {@code batch}, so code and users can set it without knowing the method.
 */
public interface WithBatch extends ExplainerConfig {
    /**
     * How many rows go into one call.
     *
     * @return the batch policy; never null
     */
    BatchPolicy batch();

    /**
     * A copy with another batch policy, the other settings unchanged.
     *
     * @param batch how many rows go into one call; not null
     * @return the copy, of the record's own type
     * @throws InvalidConfigException if {@code batch} is null
     */
    WithBatch withBatch(BatchPolicy batch);
}
