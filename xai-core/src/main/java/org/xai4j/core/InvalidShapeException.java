package org.xai4j.core;

/** An array has the wrong rank or shape, or two arrays that must agree do not. */
public class InvalidShapeException extends XaiException {
    private static final long serialVersionUID = 1L;

    public InvalidShapeException(String message) {
        super(message);
    }

    public InvalidShapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
