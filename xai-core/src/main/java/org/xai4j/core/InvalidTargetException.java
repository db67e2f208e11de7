package org.xai4j.core;

/** A target does not fit the model output: class index out of range, wrong number of rows, mask of the wrong shape. */
public class InvalidTargetException extends XaiException {
    private static final long serialVersionUID = 1L;

    public InvalidTargetException(String message) {
        super(message);
    }

    public InvalidTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
