package org.xai4j.metrics.localisation;

/** Which part of a signed relevance map a localisation metric looks at. */
public enum RelevancePart {
    /** The values as they are. */
    SIGNED,
    /** max(value, 0): only evidence for the target. */
    POSITIVE,
    /** |value|: evidence for or against. */
    ABSOLUTE;

    /**
     * This part of {@code v}.
     *
     * @param v a relevance value
     * @return {@code v}, max(v, 0) or |v|
     */
    public double of(double v) {
        return switch (this) {
            case SIGNED -> v;
            case POSITIVE -> Math.max(v, 0.0);
            case ABSOLUTE -> Math.abs(v);
        };
    }
}
