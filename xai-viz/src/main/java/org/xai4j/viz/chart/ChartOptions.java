package org.xai4j.viz.chart;

import org.xai4j.core.InvalidConfigException;

/**
 * Title, axis labels and size shared by every chart.
 *
 * @param title  chart title ({@code ""} for none)
 * @param xLabel x-axis title ({@code ""} for none)
 * @param yLabel y-axis title ({@code ""} for none)
 * @param width  pixels, at least 64 (default 640)
 * @param height pixels, at least 48 (default 400)
 */
public record ChartOptions(String title, String xLabel, String yLabel, int width, int height) {
    public ChartOptions {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        if (width < 64 || height < 48) {
            throw new InvalidConfigException("a chart needs at least 64×48 pixels but got " + width + "×" + height);
        }
    }

    /** Options with a title and the default size. */
    public static ChartOptions titled(String title) {
        return builder().title(title).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: empty texts, 640×400. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private int width = 640;
        private int height = 400;

        private Builder() {
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder xLabel(String v) {
            xLabel = v;
            return this;
        }

        public Builder yLabel(String v) {
            yLabel = v;
            return this;
        }

        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        public ChartOptions build() {
            return new ChartOptions(title, xLabel, yLabel, width, height);
        }
    }
}
