package org.xai4j.core;

/** An input, baseline or model output holds NaN or an infinity. */
public class NonFiniteValueException extends XaiException {
    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }

    public NonFiniteValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
