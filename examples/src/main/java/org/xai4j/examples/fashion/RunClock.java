package org.xai4j.examples.fashion;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Wall-clock time and the process's CPU time since a start (every thread of the JVM, so on a busy machine wall time
 * can exceed CPU time and on an idle one with several cores CPU time can exceed wall time).
 */
public final class RunClock {
    private final long wallStart = System.nanoTime();
    private final long cpuStart = cpuNanos();

    /** Seconds of wall-clock time since the start. */
    public double seconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    /** Seconds of process CPU time since the start ({@code NaN} where the JVM does not report it). */
    public double cpuSeconds() {
        long now = cpuNanos();
        return now < 0 || cpuStart < 0 ? Double.NaN : (now - cpuStart) / 1e9;
    }

    /** "12.3 s wall, 20.1 s CPU". */
    public String describe() {
        return String.format(Locale.ROOT, "%.1f s wall, %.1f s process CPU", seconds(), cpuSeconds());
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
