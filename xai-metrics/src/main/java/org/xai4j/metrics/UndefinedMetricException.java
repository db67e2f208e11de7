package org.xai4j.metrics;

import org.xai4j.core.XaiException;

/**
 * A metric has no value for this input: a correlation of a constant map (zero variance), a cosine of an
 * all-zero map, a localisation score against an empty mask, a relevance share of a map with no relevance.
 * The message names the metric, the row and the reason.
 */
public class UndefinedMetricException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which says why the value does not exist.
     *
     * @param message the description
     */
    public UndefinedMetricException(String message) {
        super(message);
    }
}
