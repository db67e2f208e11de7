package org.xai4j.core.run;

import org.xai4j.core.XaiException;

/** The call's deadline passed: it stopped before its next model call and returned no result. */
public class DeadlineExceededException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what stopped, for the user: the passes made before the deadline and what to change
     */
    public DeadlineExceededException(String message) {
        super(message);
    }
}
