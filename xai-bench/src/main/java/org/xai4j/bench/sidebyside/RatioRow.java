package org.xai4j.bench.sidebyside;

import java.util.Locale;
import org.xai4j.bench.support.Interleaved;

/**
 * One row of the side-by-side table: a model and method, timed on both sides in alternating rounds, summarised
 * by {@link Interleaved#summarise} as the per-round ratios xai4j ÷ anchor (their median, smallest and largest)
 * and the median time per call of each side.
 *
 * @param model    the model's name in the table (e.g. "small CNN")
 * @param key      the method's short name for the per-commit list (e.g. "ig")
 * @param method   the method's name in the table (e.g. "Integrated Gradients, 50 steps")
 * @param rows     input rows per call
 * @param block    calls per side in each round (times are per call)
 * @param anchor   the anchor's name and version (e.g. "Captum 0.6.0")
 * @param settings the xai4j side's settings ("defaults" when none were set)
 * @param result   the summary; raw = the anchor, method = xai4j
 */
public record RatioRow(String model, String key, String method, int rows, int block, String anchor, String settings,
                       Interleaved.Result result) {

    /**
     * A row from per-round times per call.
     *
     * @param xai4jMs  xai4j's time per call in each round, ms
     * @param anchorMs the anchor's time per call in the same rounds, ms
     * @return the row
     */
    public static RatioRow of(String model, String key, String method, int rows, int block, String anchor,
                              String settings, double[] xai4jMs, double[] anchorMs) {
        return new RatioRow(model, key, method, rows, block, anchor, settings, Interleaved.summarise(anchorMs, xai4jMs));
    }

    /** The Markdown table's header and separator lines. */
    public static String header() {
        return "| model | method | rows | xai4j ms | anchor ms | xai4j ÷ anchor, median | min–max of the rounds "
                + "| rounds × calls | anchor | xai4j settings |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---|---|";
    }

    /** This row as one Markdown table line (times per call; ratios to two decimals). */
    public String markdown() {
        Interleaved.Result r = result;
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.2f | %.2f–%.2f | %d × %d | %s | %s |", model,
                method, rows, ms(r.methodMs()), ms(r.rawMs()), r.median(), r.min(), r.max(), r.rounds(), block, anchor,
                settings);
    }

    /** The short form for the per-commit list: "key ratio" (e.g. "ig 0.77"). */
    public String guard() {
        return String.format(Locale.ROOT, "%s %.2f", key, result.median());
    }

    /** A duration in ms with three significant digits at most and no fewer than one decimal below 100 ms. */
    static String ms(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }
}
