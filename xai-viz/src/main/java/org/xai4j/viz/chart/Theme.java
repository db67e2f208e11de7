package org.xai4j.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.xai4j.core.NonFiniteValueException;

/** The house style of the XChart-based charts: white, light grid, the tab10 palette, sans-serif fonts. */
final class Theme {
    private Theme() {
    }

    /** The ten colours of the "tab10" palette (Tableau 10, matplotlib's default cycle). */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /**
     * One colour per series, all different for any {@code n}: tab10 while it suffices; beyond ten series, the
     * first ten keep tab10 and the rest take {@code n - 10} evenly spaced hues at a softer saturation, alternating
     * two brightness levels so that neighbours stay apart.
     */
    static Color[] seriesColors(int n) {
        int count = Math.max(1, n);
        Color[] out = new Color[Math.max(count, PALETTE.length)];
        System.arraycopy(PALETTE, 0, out, 0, PALETTE.length);
        int extra = out.length - PALETTE.length;
        for (int i = 0; i < extra; i++) {
            float hue = (float) ((i + 0.5) / extra);
            out[PALETTE.length + i] = Color.getHSBColor(hue, 0.45f, i % 2 == 0 ? 0.70f : 0.90f);
        }
        return out;
    }

    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xe3, 0xe3, 0xe3);

    static void apply(AxesChartStyler s, ChartOptions o, int seriesCount) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridVerticalLinesVisible(false);
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(new Color(0x88, 0x88, 0x88));
        s.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setChartTitleVisible(!o.title().isEmpty());
        s.setChartTitleBoxVisible(false);
        s.setXAxisTitleVisible(!o.xLabel().isEmpty());
        s.setYAxisTitleVisible(!o.yLabel().isEmpty());
        s.setLegendVisible(seriesCount > 1);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setSeriesColors(seriesColors(seriesCount));
        s.setChartPadding(12);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    /** The second ten of matplotlib's "tab20" (the light variants), for classes 10 … 19. */
    private static final Color[] LIGHT = {
        new Color(0xaec7e8), new Color(0xffbb78), new Color(0x98df8a), new Color(0xff9896), new Color(0xc5b0d5),
        new Color(0xc49c94), new Color(0xf7b6d2), new Color(0xc7c7c7), new Color(0xdbdb8d), new Color(0x9edae5)};

    /**
     * The colour of class {@code k}: tab10 for the first ten, their light variants for the next ten, then
     * hues spaced by the golden angle.
     */
    static Color classColor(int k) {
        if (k < 10) {
            return PALETTE[k];
        }
        if (k < 20) {
            return LIGHT[k - 10];
        }
        float hue = (float) ((k * 0.6180339887498949) % 1.0);
        return Color.getHSBColor(hue, 0.55f, 0.85f);
    }

    static void requireFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new NonFiniteValueException(what + " holds " + v[i] + " at index " + i);
            }
        }
    }
}
