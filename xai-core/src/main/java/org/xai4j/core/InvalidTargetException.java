package org.xai4j.core;

/** A target does not fit the model output: class index out of range, wrong number of rows, mask of the wrong shape. */
public class InvalidTargetException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the parameter or value at fault and, where there is one, the
     * expected and the received value.
     *
     * @param message the description, shown to the user as is
     */
    public InvalidTargetException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}, e.g. the I/O or ND4J error underneath.
     *
     * @param message the description, shown to the user as is
     * @param cause the underlying error
     */
    public InvalidTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
