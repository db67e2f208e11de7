package org.xai4j.metrics.dynamics;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Withers;

/** Settings of the training-dynamics summary ({@link TrainingDynamics}). */
@Withers
public record DynamicsConfig(
        @Help("an instance is unstable when its prediction changed in at least this fraction of the epoch-to-epoch "
                + "transitions (and at least once), in [0, 1]")
        double unstableFrequency) implements ExplainerConfig, DynamicsConfigWithers {
    /** The defaults: unstable from a change in a quarter of the transitions. */
    public static final DynamicsConfig DEFAULTS = new DynamicsConfig(0.25);
    /** Checks the threshold.
     * @param unstableFrequency see {@link #unstableFrequency()}
     * @throws InvalidConfigException if {@code unstableFrequency} is outside [0, 1] or NaN */
    public DynamicsConfig {
        if (!(unstableFrequency >= 0 && unstableFrequency <= 1)) {
            throw new InvalidConfigException("unstableFrequency must be in [0, 1] but was " + unstableFrequency);
        }
    }
}
