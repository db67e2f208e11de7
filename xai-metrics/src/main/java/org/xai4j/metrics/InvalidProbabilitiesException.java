package org.xai4j.metrics;

import org.xai4j.core.XaiException;

/**
 * Values given as class probabilities are not a distribution (a negative entry, a row that does not sum
 * to 1), or labels fall outside the classes. The message names the row and the offending value.
 */
public class InvalidProbabilitiesException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the offending row or value.
     *
     * @param message the description
     */
    public InvalidProbabilitiesException(String message) {
        super(message);
    }
}
