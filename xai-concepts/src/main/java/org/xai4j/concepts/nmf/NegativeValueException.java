package org.xai4j.concepts.nmf;

import org.xai4j.core.XaiException;

/**
 * A matrix handed to non-negative matrix factorisation holds a negative value. The message names the matrix (for
 * ICE: the layer) and the first offending value; the usual fix is to factorise the output of a ReLU.
 */
public class NegativeValueException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the matrix and the negative entry.
     *
     * @param message the description
     */
    public NegativeValueException(String message) {
        super(message);
    }
}
