package org.xai4j.core;

/** An array has the wrong rank or shape, or two arrays that must agree do not. */
public class InvalidShapeException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the parameter or value at fault and, where there is one, the
     * expected and the received value.
     *
     * @param message the description, shown to the user as is
     */
    public InvalidShapeException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}, e.g. the I/O or ND4J error underneath.
     *
     * @param message the description, shown to the user as is
     * @param cause the underlying error
     */
    public InvalidShapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
