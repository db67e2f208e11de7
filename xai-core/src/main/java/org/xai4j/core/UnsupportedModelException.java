package org.xai4j.core;

/** The model lacks a capability the method needs, or holds an operation or layer the library cannot handle. */
public class UnsupportedModelException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the parameter or value at fault and, where there is one, the
     * expected and the received value.
     *
     * @param message the description, shown to the user as is
     */
    public UnsupportedModelException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}, e.g. the I/O or ND4J error underneath.
     *
     * @param message the description, shown to the user as is
     * @param cause the underlying error
     */
    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
