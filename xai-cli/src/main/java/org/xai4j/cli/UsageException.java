package org.xai4j.cli;

import org.xai4j.core.XaiException;

/** A bad command-line argument: an unknown method or parameter, a missing file, a malformed value. Exit code 2. */
public class UsageException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * A usage error with the line the command prints after "xai: ".
     *
     * @param message what was wrong with the arguments, naming the option or parameter as typed
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * A usage error caused by another exception (e.g. a file that cannot be read).
     *
     * @param message what was wrong with the arguments, naming the option or parameter as typed
     * @param cause   the underlying exception
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
