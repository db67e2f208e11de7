package org.xai4j.core.run;

import java.util.Locale;

/**
 * What an explanation will cost before it runs: {@code passes} rows sent through the model (a row sent once
 * is one pass, whether forward only or forward and backward, whatever the batching), and the parameter that
 * drives the count, as typed on the CLI.
 *
 * @param method    the method's name
 * @param passes    rows the call will send through the model
 * @param parameter the setting that scales the cost (e.g. {@code steps}), empty if none
 * @param formula   how the count follows from the settings and the input, in words
 */
public record Plan(String method, long passes, String parameter, String formula) {
    /**
     * Refuses this plan if it needs more passes than the calling thread's {@link Limits#maxPasses()} allow.
     *
     * @return this plan
     * @throws BudgetExceededException naming the count, the budget and the parameter to change
     */
    public Plan requireWithinBudget() {
        return requireWithinBudget(0);
    }

    /**
     * Refuses this plan if, after {@code made} passes already made in the call, its passes would take the call
     * above the calling thread's {@link Limits#maxPasses()} (a method that learns part of its cost only after
     * its first model calls, see {@link Limits#extend}).
     *
     * @param made passes the call has made already
     * @return this plan
     * @throws BudgetExceededException naming the count, the budget and the parameter to change
     */
    public Plan requireWithinBudget(long made) {
        long max = Limits.current().maxPasses();
        if (passes > max - made) {
            throw new BudgetExceededException(String.format(Locale.ROOT,
                    "%s would send %,d rows through the model (%s)%s, above the budget of %,d model passes;"
                            + " lower %s, or raise the budget (-D%s=N, or Limits.withMaxPasses in the API)",
                    method, passes, formula, made == 0 ? "" : String.format(Locale.ROOT, " after the %,d made", made),
                    max, parameter.isEmpty() ? "the input's rows" : parameter, Limits.MAX_PASSES_PROPERTY));
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d model passes (%s)", method, passes, formula);
    }
}
