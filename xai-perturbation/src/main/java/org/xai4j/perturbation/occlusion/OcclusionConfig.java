package org.xai4j.perturbation.occlusion;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;

/**
 * Settings of {@link Occlusion}.
 *
 * @param window   the sliding window's size per row axis (required). It may name fewer axes than a row
 *                 has: it then applies to the trailing axes and each leading axis is covered whole, so a
 *                 2-D window on C×H×W rows occludes all channels of a patch; give a window of 1 on the
 *                 channel axis (e.g. {@code 1, 8, 8}) to occlude one channel at a time
 * @param strides  the step per window axis; {@code null} means 1 on every axis (Captum's default)
 * @param baseline the values an occluded patch takes (default zeros)
 * @param batch    how many perturbed rows one model call takes
 * @param seed     seeds random baselines (the only randomness)
 * @param progress told after every model batch (not part of {@link #toMap()})
 */
public record OcclusionConfig(int[] window, int[] strides, Baseline baseline, BatchPolicy batch, long seed,
                              ProgressListener progress) implements ExplainerConfig {
    public OcclusionConfig {
        if (window == null || window.length == 0) {
            throw new InvalidConfigException("occlusion needs a sliding window size (one value per occluded axis)");
        }
        window = window.clone();
        for (int i = 0; i < window.length; i++) {
            if (window[i] < 1) {
                throw new InvalidConfigException("occlusion window axis " + i + " must be at least 1 but was " + window[i]);
            }
        }
        if (strides == null) {
            strides = new int[window.length];
            Arrays.fill(strides, 1);
        } else {
            strides = strides.clone();
        }
        if (strides.length != window.length) {
            throw new InvalidConfigException("occlusion needs one stride per window axis (" + window.length
                    + ") but got " + strides.length);
        }
        for (int i = 0; i < strides.length; i++) {
            if (strides[i] < 1) {
                throw new InvalidConfigException("occlusion stride axis " + i + " must be at least 1 but was " + strides[i]);
            }
        }
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    @Override
    public int[] window() {
        return window.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("window", Arrays.toString(window));
        m.put("strides", Arrays.toString(strides));
        m.put("baseline", baseline.describe());
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds an {@link OcclusionConfig}. */
    public static final class Builder {
        private int[] window;
        private int[] strides;
        private Baseline baseline = Baseline.zeros();
        private BatchPolicy batch = BatchPolicy.DEFAULT;
        private long seed;
        private ProgressListener progress = ProgressListener.NONE;

        /** The window size per occluded (trailing) axis. */
        public Builder window(int... window) {
            this.window = window;
            return this;
        }

        /** The step per window axis. */
        public Builder strides(int... strides) {
            this.strides = strides;
            return this;
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder batch(BatchPolicy batch) {
            this.batch = batch;
            return this;
        }

        /** At most {@code rows} perturbed rows per model call. */
        public Builder batchSize(int rows) {
            this.batch = BatchPolicy.ofRows(rows);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public OcclusionConfig build() {
            return new OcclusionConfig(window, strides, baseline, batch, seed, progress);
        }
    }
}
