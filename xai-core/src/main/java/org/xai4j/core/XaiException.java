package org.xai4j.core;

/**
 * Root of every error xai4j raises on purpose. Unchecked: a bad shape or an unknown layer is a
 * programming error at the call site, not a condition to recover from. Subclasses name the kind of
 * problem; the message names the offending shape, layer, target or value.
 */
public class XaiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XaiException(String message) {
        super(message);
    }

    public XaiException(String message, Throwable cause) {
        super(message, cause);
    }
}
