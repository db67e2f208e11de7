package org.xai4j.core;

/**
 * A write would replace one of the call's own input files (the scores of {@code xai predict} written over the
 * batch they came from, a map written over an input of the same name). Nothing is written.
 */
public class OutputConflictException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the output and the input it would overwrite.
     *
     * @param message the description, shown to the user as is
     */
    public OutputConflictException(String message) {
        super(message);
    }
}
