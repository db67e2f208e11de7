package org.xai4j.perturbation;

/**
 * Told how far a perturbation method has got, counted in model input rows evaluated (the CLI draws a bar
 * from it). Called on the explaining thread after every model batch; {@code total} is the number of rows
 * planned for the whole call (for budgeted methods such as Partition SHAP, the budget).
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every update. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} model rows have been evaluated. */
    void progress(long done, long total);
}
