package org.xai4j.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.ProgressListener;

/**
 * The progress of a study's long explanation (occlusion, Partition SHAP) on standard error: one line each time
 * another tenth of the planned model passes is done. Fed by the library's one progress listener
 * ({@link Limits#withProgress}), which every explainer family reports to.
 */
public final class StudyProgress implements ProgressListener {
    private final String task;
    private final PrintStream out;
    private int tenthsShown;

    /**
     * A listener that writes to {@code out}.
     *
     * @param task what runs, as the lines name it
     * @param out  where the lines go
     */
    public StudyProgress(String task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    /**
     * Runs {@code work} under the calling thread's limits, its progress shown on standard error.
     *
     * @param task what runs, as the lines name it
     * @param work the explanation
     * @param <T>  what {@code work} returns
     * @return what {@code work} returned
     */
    public static <T> T run(String task, Supplier<T> work) {
        return Limits.current().withProgress(new StudyProgress(task, System.err)).call(work);
    }

    /**
     * Writes a line when {@code done} reaches another tenth of {@code planned} (nothing while none is planned).
     *
     * @param done    model passes made so far
     * @param planned model passes the method planned (0: not known yet)
     */
    @Override
    public void progress(long done, long planned) {
        if (planned <= 0) {
            return;
        }
        int tenths = (int) Math.min(10, done * 10 / planned);
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            out.printf(Locale.ROOT, "  %s: %d%% (%,d of %,d model passes)%n", task, tenths * 10, done, planned);
        }
    }
}
