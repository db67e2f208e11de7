package org.xai4j.core;

/** A configuration value is out of its allowed range (steps below 1, a negative window, an empty set). */
public class InvalidConfigException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the parameter or value at fault and, where there is one, the
     * expected and the received value.
     *
     * @param message the description, shown to the user as is
     */
    public InvalidConfigException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} caused by {@code cause}, e.g. the I/O or ND4J error underneath.
     *
     * @param message the description, shown to the user as is
     * @param cause the underlying error
     */
    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
