package org.xai4j.core.run;

import org.xai4j.core.XaiException;

/**
 * The explaining thread was interrupted: the call stopped before its next model call and returned no result.
 * The thread's interrupt flag is set again when this is thrown.
 */
public class CancelledException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what stopped, for the user: when the interrupt was seen
     */
    public CancelledException(String message) {
        super(message);
    }
}
