package org.xai4j.cli;

import org.xai4j.core.XaiException;

/** A bad command-line argument: an unknown method or parameter, a missing file, a malformed value. Exit code 2. */
public class UsageException extends XaiException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
