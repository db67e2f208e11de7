package org.xai4j.spark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads grouped by name (digits dropped, so the two GC workers are one group), read from
 * Linux's {@code /proc/self/task}: unlike {@code ThreadMXBean} it also sees the collector's and the JIT compiler's
 * threads. For {@link SparkThroughputBench}: where the cores went while two threads explained rows.
 */
final class ThreadCpu {
    /** Clock ticks per second of {@code /proc}'s times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS = 100;

    private ThreadCpu() {
    }

    /** User + system ticks per thread-name group now; empty where {@code /proc} is not there. */
    static Map<String, Long> byName() {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Adds {@code after − before} per group to {@code into}. */
    static void add(Map<String, Long> into, Map<String, Long> before, Map<String, Long> after) {
        after.forEach((k, v) -> into.merge(k, v - before.getOrDefault(k, 0L), Long::sum));
    }

    /** The groups above 1% of {@code wallNs}, as percent of one core. */
    static String percent(Map<String, Long> ticks, long wallNs) {
        StringBuilder b = new StringBuilder();
        ticks.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).forEach(e -> {
            double pct = 100.0 * e.getValue() / TICKS / (wallNs / 1e9);
            if (pct >= 1) {
                b.append(String.format("%s %.0f%%; ", e.getKey(), pct));
            }
        });
        return b.toString();
    }
}
