package org.xai4j.perturbation.occlusion;

import java.util.Arrays;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBaseline;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link Occlusion} (Zeiler &amp; Fergus 2014). The window has no default, so start from {@link #of}:
 * strides 1 on every axis (Captum's default), zero baseline. A window may name fewer axes than a row has: it then
 * applies to the trailing axes and each leading axis is covered whole, so a 2-D window on C×H×W rows occludes all
 * channels of a patch; a window of 1 on the channel axis ({@code 1, 8, 8}) occludes one channel at a time. A single
 * number on rows of rank two or more ({@code 4}, or {@code window=4} on the command line) means a square window over
 * the last two axes, with its stride likewise square: 4×4 on H×W or C×H×W rows, never a 1×4 strip; on rank-one
 * (tabular) rows it is a run of that many features. */
@Withers
public record OcclusionConfig(
        @Help("window per trailing axis, leading axes whole; one number N on images means N×N") int[] window,
        @Help("stride per window axis, or one number for all axes") int[] strides,
        @Help("the values an occluded patch takes: a number, zeros, blur:SIGMA or uniform:LO:HI") Baseline baseline,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds random baselines (the only randomness)") long seed
        ) implements WithBaseline, WithBatch, WithSeed, OcclusionConfigWithers {
    /** Validates the settings and copies its arrays and lists.
     * @param window see {@link #window()}
     * @param strides see {@link #strides()}
     * @param baseline see {@link #baseline()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public OcclusionConfig {
        if (window == null || window.length == 0) {
            throw new InvalidConfigException("occlusion needs a sliding window size (one value per occluded axis)");
        }
        window = Checks.requireEachAtLeast(window.clone(), 1, "occlusion window");
        if (strides == null) {
            strides = filled(window.length, 1);
        } else {
            strides = strides.clone();
        }
        int[] matched = matched(window, strides);
        if (matched == null) {
            throw new InvalidConfigException("occlusion needs one stride per window axis (" + window.length
                    + "), or one for all of them, but got " + strides.length + ": " + Arrays.toString(strides));
        }
        strides = matched;
        Checks.requireEachAtLeast(strides, 1, "occlusion stride");
        Checks.requireNonNull(baseline, "baseline");
        Checks.requireNonNull(batch, "batch policy");
    }
    /**
     * The strides of {@code window}: as given when there is one per axis; one number repeated over every axis; the
     * equal strides of a one-number (square) window as that one number; null when they do not fit.
     */
    private static int[] matched(int[] window, int[] strides) {
        if (strides.length == window.length) {
            return strides;
        } else if (strides.length == 1) {
            return filled(window.length, strides[0]);
        } else if (window.length == 1 && Arrays.stream(strides).distinct().count() == 1) {
            return new int[] {strides[0]};
        }
        return null;
    }

    private static int[] filled(int length, int value) {
        int[] a = new int[length];
        Arrays.fill(a, value);
        return a;
    }

    /** {@return a {@code window} with strides 1, zero baseline}
     * @param window window per trailing axis, leading axes whole; one number N on images means N×N */
    public static OcclusionConfig of(int... window) {
        return new OcclusionConfig(window, null, Baseline.zeros(), BatchPolicy.DEFAULT, 0);
    }
    /** {@return a copy of the window size per trailing axis} */
    @Override public int[] window() { return window.clone(); }
    /** {@return a copy of the stride per window axis} */
    @Override public int[] strides() { return strides.clone(); }
    /** {@return a copy with another window; the strides stay if they still fit, else they become 1}
     * @param window window per trailing axis, leading axes whole; one number N on images means N×N */
    public OcclusionConfig withWindow(int... window) {
        return new OcclusionConfig(window, window != null && matched(window, strides) != null ? strides : null,
                baseline, batch, seed);
    }
}
