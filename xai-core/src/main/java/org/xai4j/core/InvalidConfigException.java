package org.xai4j.core;

/** A configuration value is out of its allowed range (steps below 1, a negative window, an empty set). */
public class InvalidConfigException extends XaiException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
