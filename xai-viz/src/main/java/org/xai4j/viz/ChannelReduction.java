package org.xai4j.viz;

import java.util.Locale;

/**
 * How a C×H×W attribution becomes one H×W map for display. Captum's image visualisation sums the
 * channels ({@link #SUM}); Simonyan et al.'s saliency maps take the largest magnitude ({@link #MAX_ABS}).
 */
public enum ChannelReduction {
    /** Σ_c v_c (keeps the sign). */
    SUM,
    /** Mean over channels (keeps the sign). */
    MEAN,
    /** Σ_c |v_c|. */
    ABS_SUM,
    /** max_c |v_c|. */
    MAX_ABS,
    /** sqrt(Σ_c v_c²). */
    L2;

    /**
     * Kebab-case name ({@code max-abs}).
     *
     * @return the name, e.g. {@code max-abs}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    double reduce(double[] v, int offset, int stride, int channels) {
        double acc = 0;
        for (int c = 0; c < channels; c++) {
            double x = v[offset + c * stride];
            switch (this) {
                case SUM, MEAN -> acc += x;
                case ABS_SUM -> acc += Math.abs(x);
                case MAX_ABS -> acc = Math.max(acc, Math.abs(x));
                case L2 -> acc += x * x;
                default -> throw new IllegalStateException(name());
            }
        }
        return switch (this) {
            case MEAN -> acc / channels;
            case L2 -> Math.sqrt(acc);
            default -> acc;
        };
    }
}
