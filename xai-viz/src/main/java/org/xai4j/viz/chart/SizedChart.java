package org.xai4j.viz.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;

/** A chart whose size (and title and axis labels) are its {@link ChartOptions}. */
abstract class SizedChart implements Chart {
    /** The title, axis labels and size. */
    final ChartOptions options;

    SizedChart(ChartOptions options) {
        this.options = options;
    }

    @Override
    public int width() {
        return options.width();
    }

    @Override
    public int height() {
        return options.height();
    }

    /** Turns on antialiasing of shapes and text, as every chart drawn with Java2D wants. */
    static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
