package org.xai4j.core.run;

import org.xai4j.core.XaiException;

/** The call's deadline passed: it stopped before its next model call and returned no result. */
public class DeadlineExceededException extends XaiException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }
}
