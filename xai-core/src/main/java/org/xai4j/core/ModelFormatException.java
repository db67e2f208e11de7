package org.xai4j.core;

/** A model file is malformed or cannot be read. */
public class ModelFormatException extends XaiException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
