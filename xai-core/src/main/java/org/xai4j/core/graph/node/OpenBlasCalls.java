package org.xai4j.core.graph.node;

import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.xai4j.core.InvalidConfigException;

/**
 * Keeps the OpenBLAS calls of {@link TapConvolution} from multiplying thread pools when several Java threads
 * run convolutions at once (issue 21, "Threads"). OpenBLAS parallelises each matrix product over its one pool of
 * a thread per core; products started from several Java threads at once each want the whole pool, and the cores
 * end up oversubscribed. {@code -Dxai4j.conv.openblasConcurrency} picks what the engine does about it (measured
 * in docs/benchmarks.md, "Threads sharing one explainer"):
 * <ul>
 *   <li>{@code serial} (the default): one Java thread at a time runs the engine's products, on OpenBLAS's whole
 *       pool. Results are bitwise the same whatever the number of threads;</li>
 *   <li>{@code single}: while more than one Java thread is inside the engine, OpenBLAS runs on one thread (the
 *       Java threads are then the parallelism) and gets its thread count back when the last one leaves. Faster
 *       with many threads, but OpenBLAS rounds differently on one thread than on several, so a result can differ
 *       in the last bits with the number of threads running at the time;</li>
 *   <li>{@code none}: no coordination (before issue 21).</li>
 * </ul>
 */
final class OpenBlasCalls {
    /** What the engine does when several Java threads call it at once. */
    enum Policy {
        /** One Java thread inside at a time. */
        SERIAL,
        /** OpenBLAS on one thread while several Java threads are inside. */
        SINGLE,
        /** No coordination. */
        NONE
    }

    /** The policy read from the system property, once it has been read without error. */
    private static volatile Policy configured;

    private static final Semaphore SERIAL = new Semaphore(1);
    private static final Object LOCK = new Object();
    /** Java threads inside the engine now under {@link Policy#SINGLE} (guarded by {@link #LOCK}). */
    private static int inside;
    /** OpenBLAS's thread count before it was set to one, or 0 while it is not (guarded by {@link #LOCK}). */
    private static int saved;

    private OpenBlasCalls() {
    }

    /**
     * The policy {@code -Dxai4j.conv.openblasConcurrency} names, {@code serial} by default; read at the first
     * convolution, so that a bad value is an {@link InvalidConfigException} there (and at every later call) rather
     * than a failed class initialisation.
     *
     * @return the configured policy
     */
    static Policy configured() {
        Policy p = configured;
        if (p == null) {
            p = policy(System.getProperty("xai4j.conv.openblasConcurrency", "serial"));
            configured = p;
        }
        return p;
    }

    static Policy policy(String value) {
        try {
            return Policy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("-Dxai4j.conv.openblasConcurrency=" + value
                    + " is not a policy; expected serial (the default), single or none");
        }
    }

    /**
     * Call before the engine's first OpenBLAS call of an operation; pair with {@link #leave(Policy)} in a
     * {@code finally}.
     *
     * @param policy the policy, {@link #configured()} outside tests
     */
    static void enter(Policy policy) {
        switch (policy) {
            case SERIAL -> SERIAL.acquireUninterruptibly();
            case SINGLE -> {
                synchronized (LOCK) {
                    inside++;
                    if (inside == 2) {
                        int now = openblas_nolapack.blas_get_num_threads();
                        if (now > 1) {
                            saved = now;
                            openblas_nolapack.blas_set_num_threads(1);
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Call after the engine's last OpenBLAS call of the operation.
     *
     * @param policy the policy given to {@link #enter(Policy)}
     */
    static void leave(Policy policy) {
        switch (policy) {
            case SERIAL -> SERIAL.release();
            case SINGLE -> {
                synchronized (LOCK) {
                    inside--;
                    if (inside == 0 && saved > 0) {
                        openblas_nolapack.blas_set_num_threads(saved);
                        saved = 0;
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Free places under {@link Policy#SERIAL}: 1 while no thread is inside, else 0 (for tests). */
    static int serialPermits() {
        return SERIAL.availablePermits();
    }
}
