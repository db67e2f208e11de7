package org.xai4j.core;

/** The model lacks a capability the method needs, or holds an operation or layer the library cannot handle. */
public class UnsupportedModelException extends XaiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }

    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
