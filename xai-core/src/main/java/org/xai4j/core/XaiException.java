package org.xai4j.core;

/**
 * Root of every error xai4j raises on purpose. Unchecked: a bad shape or an unknown layer is a
 * programming error at the call site, not a condition to recover from. Subclasses name the kind of
 * problem; the message names the offending shape, layer, target or value.
 */
public class XaiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the parameter or value at fault and, where there is one, the
     * expected and the received value.
     *
     * @param message the description, shown to the user as is
     */
    public XaiException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}, e.g. the I/O or ND4J error underneath.
     *
     * @param message the description, shown to the user as is
     * @param cause the underlying error
     */
    public XaiException(String message, Throwable cause) {
        super(message, cause);
    }
}
