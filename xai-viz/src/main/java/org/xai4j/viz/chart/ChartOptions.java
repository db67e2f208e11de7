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
    /**
     * Replaces null texts with {@code ""} and checks the size.
     *
     * @param title chart title ({@code ""} for none)
     * @param xLabel x-axis title ({@code ""} for none)
     * @param yLabel y-axis title ({@code ""} for none)
     * @param width pixels, at least 64 (default 640)
     * @param height pixels, at least 48 (default 400)
     * @throws org.xai4j.core.InvalidConfigException if the size is below 64 × 48
     */
    public ChartOptions {
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        yLabel = yLabel == null ? "" : yLabel;
        if (width < 64 || height < 48) {
            throw new InvalidConfigException("a chart needs at least 64×48 pixels but got " + width + "×" + height);
        }
    }

    /**
     * Options with a title and the default size.
     *
     * @param title the title
     * @return options of 640 × 400 pixels without axis labels
     */
    public static ChartOptions titled(String title) {
        return builder().title(title).build();
    }

    /**
     * A builder with empty texts and 640 × 400 pixels.
     *
     * @return a new builder
     */
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

        /**
         * The chart title.
         *
         * @param v the title; {@code ""} for none
         * @return this builder
         */
        public Builder title(String v) {
            title = v;
            return this;
        }

        /**
         * The x-axis title.
         *
         * @param v the title; {@code ""} for none
         * @return this builder
         */
        public Builder xLabel(String v) {
            xLabel = v;
            return this;
        }

        /**
         * The y-axis title.
         *
         * @param v the title; {@code ""} for none
         * @return this builder
         */
        public Builder yLabel(String v) {
            yLabel = v;
            return this;
        }

        /**
         * The size in pixels.
         *
         * @param w the width, at least 64
         * @param h the height, at least 48
         * @return this builder
         */
        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        /**
         * Checks and builds the options.
         *
         * @return the options
         * @throws org.xai4j.core.InvalidConfigException if the size is below 64 × 48
         */
        public ChartOptions build() {
            return new ChartOptions(title, xLabel, yLabel, width, height);
        }
    }
}
