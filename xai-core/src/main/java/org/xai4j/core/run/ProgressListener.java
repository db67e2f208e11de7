package org.xai4j.core.run;

/**
 * Told after every model call of an explanation how many model passes (rows through the model) have been
 * made so far, and how many the method planned ({@code planned} is 0 when the method states no plan).
 * Called on the explaining thread; keep it short.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that does nothing. */
    ProgressListener NONE = (done, planned) -> {
    };

    /**
     * Reports progress after a model call.
     *
     * @param done    model passes (rows through the model) made so far in this call; grows with every call
     * @param planned model passes the method declared it will make (may grow when a method extends its plan);
     *                0 when unknown
     */
    void progress(long done, long planned);
}
