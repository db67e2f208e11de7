package org.xai4j.perturbation;

/** Counts evaluated rows for one explain call and forwards them to a {@link ProgressListener}. */
public final class ProgressTracker {
    private final ProgressListener listener;
    private final long total;
    private long done;

    public ProgressTracker(ProgressListener listener, long total) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.total = total;
    }

    /** Records {@code rows} more evaluated rows and tells the listener. */
    public void advance(long rows) {
        done += rows;
        listener.progress(done, Math.max(total, done));
    }

    /** Rows evaluated so far. */
    public long done() {
        return done;
    }

    /** Rows planned. */
    public long total() {
        return total;
    }
}
