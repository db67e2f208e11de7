package org.xai4j.core.run;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.xai4j.core.util.Checks;

/**
 * Limits on explanation calls made by one thread: at most {@code maxPasses} rows through the model per call,
 * an optional deadline (a {@link System#nanoTime()} instant), and a progress listener. Without {@link #call}
 * a thread runs under {@link #defaults()}: the budget from the system property {@value #MAX_PASSES_PROPERTY}
 * (else {@value #DEFAULT_MAX_PASSES}), no deadline; an interrupt always cancels.
 *
 * <pre>{@code
 * Attribution a = Limits.defaults().withTimeout(Duration.ofSeconds(30)).withProgress(bar)
 *         .call(() -> explainer.explain(x, target));
 * }</pre>
 *
 * <p>Checks happen in {@link org.xai4j.core.model.ModelCalls} before every model call, so an interrupt or a
 * passed deadline stops any explainer within one batch, with {@link CancelledException} or
 * {@link DeadlineExceededException} and no result.
 *
 * @param maxPasses      the most rows one call may send through the model (its plan is refused above it)
 * @param deadlineNanos  {@link System#nanoTime()} after which model calls are refused; {@code null}: none
 * @param progress       told the passes made after every model call
 */
public record Limits(long maxPasses, Long deadlineNanos, ProgressListener progress) {
    /** System property overriding the default budget of model passes per call. */
    public static final String MAX_PASSES_PROPERTY = "xai4j.maxPasses";
    /** The default budget: one million rows through the model per call. */
    public static final long DEFAULT_MAX_PASSES = 1_000_000L;

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();
    /** The limits without the property: made once (a record, so every caller may share it). */
    private static final Limits DEFAULTS = new Limits(DEFAULT_MAX_PASSES, null, ProgressListener.NONE);

    /**
     * Validates the limits.
     *
     * @param maxPasses     the most rows one call may send through the model; at least 1
     * @param deadlineNanos {@link System#nanoTime()} after which model calls are refused; {@code null}: none
     * @param progress      told the passes made after every model call; not null ({@link ProgressListener#NONE})
     * @throws org.xai4j.core.InvalidConfigException if {@code maxPasses} is below 1 or {@code progress} is null
     */
    public Limits {
        if (maxPasses < 1) {
            throw new org.xai4j.core.InvalidConfigException("maxPasses: expected at least 1 but got " + maxPasses);
        }
        Checks.requireNonNull(progress, "progress");
    }

    /**
     * The default budget (or the system property's), no deadline, no progress.
     *
     * @return limits of {@value #DEFAULT_MAX_PASSES} passes, or the value of {@value #MAX_PASSES_PROPERTY}
     *         (underscores allowed, e.g. {@code 2_000_000}) when that property is set and not blank
     * @throws org.xai4j.core.InvalidConfigException if the property is not a whole number, or is below 1
     */
    public static Limits defaults() {
        String p = System.getProperty(MAX_PASSES_PROPERTY); // read on every call: it may be set at any time
        if (p == null || p.isBlank()) {
            return DEFAULTS;
        }
        long max;
        try {
            max = Long.parseLong(p.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new org.xai4j.core.InvalidConfigException("-D" + MAX_PASSES_PROPERTY + "=" + p
                    + ": expected a whole number of model passes");
        }
        return new Limits(max, null, ProgressListener.NONE);
    }

    /**
     * The limits of the call running on this thread, else {@link #defaults()}.
     *
     * @return the limits of the innermost {@link #call} on this thread, or {@link #defaults()} outside one
     */
    public static Limits current() {
        Scope s = SCOPE.get();
        return s == null ? defaults() : s.limits;
    }

    /**
     * These limits with another budget.
     *
     * @param maxPasses the most rows one call may send through the model; at least 1
     * @return a copy with this budget, the same deadline and listener
     * @throws org.xai4j.core.InvalidConfigException if {@code maxPasses} is below 1
     */
    public Limits withMaxPasses(long maxPasses) {
        return new Limits(maxPasses, deadlineNanos, progress);
    }

    /**
     * These limits with a deadline {@code timeout} from now (measured now, not when {@link #call} starts).
     *
     * @param timeout how long from now model calls are allowed; not null
     * @return a copy with this deadline, the same budget and listener
     */
    public Limits withTimeout(Duration timeout) {
        return new Limits(maxPasses, System.nanoTime() + timeout.toNanos(), progress);
    }

    /**
     * These limits with another progress listener.
     *
     * @param progress told the passes made after every model call; not null ({@link ProgressListener#NONE}
     *                 for none)
     * @return a copy with this listener, the same budget and deadline
     * @throws org.xai4j.core.InvalidConfigException if {@code progress} is null
     */
    public Limits withProgress(ProgressListener progress) {
        return new Limits(maxPasses, deadlineNanos, progress);
    }

    /**
     * Runs {@code work} on this thread under these limits (nested calls: the inner limits apply inside).
     *
     * @param <T>  what {@code work} returns
     * @param work the explanation to run, on this thread
     * @return what {@code work} returned
     */
    public <T> T call(Supplier<T> work) {
        Scope outer = SCOPE.get();
        SCOPE.set(new Scope(this));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /**
     * Declares the plan of the method starting on this thread: refuses it above the budget and uses its count
     * as the total reported to the progress listener.
     *
     * @param plan the model passes the method will make
     * @return {@code plan}, for chaining
     * @throws BudgetExceededException if the plan needs more passes than the current budget
     */
    public static Plan start(Plan plan) {
        plan.requireWithinBudget();
        Scope s = SCOPE.get();
        if (s != null) {
            s.planned += plan.passes();
        }
        return plan;
    }

    /**
     * Declares passes that the method running on this thread learned it needs only after its first model calls
     * (Score-CAM and Ablation-CAM: one per channel of the layer, known from the first forward pass): refuses them
     * if the passes made so far plus these exceed the budget, before any of them is made, and adds them to the
     * total reported to the progress listener.
     *
     * @param more the further model passes now known to be needed
     * @return {@code more}, for chaining
     * @throws BudgetExceededException if the passes made so far plus {@code more} exceed the current budget
     */
    public static Plan extend(Plan more) {
        more.requireWithinBudget(passesSoFar());
        Scope s = SCOPE.get();
        if (s != null) {
            s.planned += more.passes();
        }
        return more;
    }

    /**
     * Called by {@link org.xai4j.core.model.ModelCalls} before a model call of {@code rows} rows: throws if the
     * thread was interrupted or the deadline passed.
     *
     * @param rows the rows the coming model call sends through the model
     * @throws CancelledException if the thread was interrupted (its interrupt flag is set again)
     * @throws DeadlineExceededException if the deadline of the current {@link #call} has passed
     * @throws BudgetExceededException if these rows would take the passes made past the budget
     */
    public static void beforeModelCall(long rows) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new CancelledException("explanation cancelled: the thread was interrupted before a model call of "
                    + rows + " row" + (rows == 1 ? "" : "s") + "; no result was produced");
        }
        Scope s = SCOPE.get();
        if (s != null && s.limits.deadlineNanos != null && System.nanoTime() - s.limits.deadlineNanos > 0) {
            throw new DeadlineExceededException(String.format(Locale.ROOT,
                    "explanation stopped: its deadline passed after %,d model passes; no result was produced"
                            + " (allow more time, or lower the method's steps/samples)", s.done));
        }
        if (s != null && s.done + rows > s.limits.maxPasses) {
            throw new BudgetExceededException(String.format(Locale.ROOT,
                    "explanation stopped: a model call of %,d rows would pass the budget of %,d model passes"
                            + " (%,d made); no result was produced (lower the method's steps/samples, or raise"
                            + " the budget with -D%s=N)", rows, s.limits.maxPasses, s.done, MAX_PASSES_PROPERTY));
        }
    }

    /**
     * Called by {@link org.xai4j.core.model.ModelCalls} after a model call of {@code rows} rows: counts them and
     * tells the progress listener.
     *
     * @param rows the rows the model call just sent through the model
     */
    public static void afterModelCall(long rows) {
        Scope s = SCOPE.get();
        if (s != null) {
            s.done += rows;
            s.limits.progress.progress(s.done, s.planned);
        }
    }

    /**
     * Model passes (rows) counted so far in the call running on this thread.
     *
     * @return the rows sent through the model so far in the innermost {@link #call}; 0 outside one
     */
    public static long passesSoFar() {
        Scope s = SCOPE.get();
        return s == null ? 0 : s.done;
    }

    private static final class Scope {
        final Limits limits;
        long done;
        long planned;

        Scope(Limits limits) {
            this.limits = limits;
        }
    }
}
