package org.xai4j.spark;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.XaiException;

/**
 * Keeps an executor JVM's resident memory under a limit by polling it from one thread, in place of JavaCPP's
 * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} check. JavaCPP reads the process's resident size on every
 * native allocation, inside a lock that every thread allocating an array takes; with two task threads on two
 * cores that lock held them back (docs/benchmarks.md, "xai-spark throughput": 1 → 2 task threads 1.61× with the
 * check, 1.73× without). This watch reads the resident size every {@link #POLL_MILLIS} ms instead. Above the
 * limit it does what JavaCPP does: asks the collector to run, so that the native memory of arrays no longer
 * referenced is freed, and looks again. If the process stays above the limit for {@link #RETRIES} looks in a
 * row, explaining stops: every task that asks for an explainer fails with an error naming the limit (Spark
 * retries or fails the task) until the resident size is under the limit again.
 *
 * <p>On with {@code -Dxai4j.spark.maxrss=SIZE} (bytes, or with a K, M, G or T suffix, e.g. {@code 8G}); off
 * when the property is absent or 0. The {@code xai spark} launcher passes {@code 8G} with JavaCPP's check off.
 * Between two looks an allocation burst can overshoot the limit: set it below the container's limit by what
 * the explainers allocate in {@link #POLL_MILLIS} ms.
 */
final class MemoryWatch {
    /** The system property holding the limit. */
    static final String PROPERTY = "xai4j.spark.maxrss";
    /** Milliseconds between two looks at the resident size. */
    static final long POLL_MILLIS = 20;
    /** Looks in a row above the limit, each after a collection, before explaining stops (as JavaCPP's retries). */
    static final int RETRIES = 10;
    /**
     * Once explaining has stopped, looks between two collections (100 looks: every 2 s): the resident size often
     * stays up after a collection (glibc and the collector keep freed memory), and a full collection every
     * {@link #POLL_MILLIS} ms would stop the JVM fifty times a second for as long as it stays up.
     */
    static final int LOOKS_PER_COLLECTION_WHEN_REFUSED = 100;

    private static volatile MemoryWatch running;
    /** Whether the property was read (so that a JVM without a limit reads it once, not on every task). */
    private static volatile boolean started;

    private final long limit;
    private final LongSupplier residentBytes;
    private final Runnable collect;
    private int over;
    private int sinceCollection;
    private volatile String refusal;

    MemoryWatch(long limit, LongSupplier residentBytes, Runnable collect) {
        this.limit = limit;
        this.residentBytes = residentBytes;
        this.collect = collect;
    }

    /**
     * Starts this JVM's watch once, if {@value #PROPERTY} asks for one, then throws if the process is above its
     * limit. Called before each task borrows an explainer.
     *
     * @throws XaiException if the resident size stayed above the limit
     */
    static void check() {
        MemoryWatch w = running;
        if (w == null && !started) {
            w = start(System.getProperty(PROPERTY));
        }
        if (w != null) {
            w.refuseIfOver();
        }
    }

    private static synchronized MemoryWatch start(String property) {
        if (running == null) {
            long limit = parse(property);
            if (limit > 0) {
                MemoryWatch w = new MemoryWatch(limit, Pointer::physicalBytes, System::gc);
                // started from a task thread: not to keep that task's inheritable thread locals (Spark's job
                // properties) for the life of the JVM
                Thread t = new Thread(null, w::run, "xai4j-memory-watch", 0, false);
                t.setDaemon(true);
                t.start();
                running = w;
            }
            started = true;
        }
        return running;
    }

    /**
     * The limit in bytes for {@code value}: a number of bytes, or one with a K, M, G or T suffix (powers of 1024);
     * 0 when {@code value} is null or blank.
     *
     * @throws InvalidConfigException if {@code value} is not such a size
     */
    static long parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        int shift = switch (v.charAt(v.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            if (n < 0 || n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("-D" + PROPERTY + " must be a size such as 8G, 512M or a number of bytes, "
                    + "but was '" + value + "'");
        }
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            look();
        }
    }

    /** One look at the resident size: a collection when it is above the limit, a refusal after too many. */
    void look() {
        long rss = residentBytes.getAsLong();
        if (rss <= limit) {
            over = 0;
            sinceCollection = 0;
            refusal = null;
            return;
        }
        if (refusal != null && ++sinceCollection < LOOKS_PER_COLLECTION_WHEN_REFUSED) {
            return; // stopped already: collect again only now and then
        }
        sinceCollection = 0;
        collect.run();
        rss = residentBytes.getAsLong();
        if (rss <= limit) {
            over = 0;
            refusal = null;
        } else if (++over >= RETRIES) {
            refusal = "the process's resident memory " + (rss >> 20) + " MB stayed above the limit of " + (limit >> 20)
                    + " MB (-D" + PROPERTY + ") after " + RETRIES + " requests for a garbage collection; give the executor more "
                    + "memory, fewer task slots or fewer rows per call";
        }
    }

    /** Throws an {@link XaiException} naming the limit while the resident size stays above it. */
    void refuseIfOver() {
        String r = refusal;
        if (r != null) {
            throw new XaiException(r);
        }
    }
}
