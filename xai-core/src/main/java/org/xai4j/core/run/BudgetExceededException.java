package org.xai4j.core.run;

import org.xai4j.core.XaiException;

/**
 * A method's plan needs more model passes than the budget allows; refused before any work. The message names
 * the number and the parameter to lower.
 */
public class BudgetExceededException extends XaiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what stopped, for the user: the budget, the passes made and the parameter to lower
     */
    public BudgetExceededException(String message) {
        super(message);
    }
}
