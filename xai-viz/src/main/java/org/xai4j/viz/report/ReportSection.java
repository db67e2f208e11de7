package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.viz.chart.Chart;

/** A free section of the report after the inputs: a figure, a table or text. */
public sealed interface ReportSection {
    /**
     * The section heading.
     *
     * @return the heading
     */
    String title();

    /**
     * A picture (chart, grid) with a caption.
     *
     * @param title   heading
     * @param image   the picture
     * @param caption text under it, or {@code null}
     */
    record Figure(String title, BufferedImage image, String caption) implements ReportSection {
        /**
         * Checks the values.
         *
         * @param title heading
         * @param image the picture
         * @param caption text under it, or {@code null}
         * @throws org.xai4j.core.InvalidConfigException if the title is blank or {@code image} is null
         */
        public Figure {
            requireTitle(title);
            if (image == null) {
                throw new InvalidConfigException("figure '" + title + "' needs an image");
            }
        }
    }

    /**
     * A table of text cells.
     *
     * @param title   heading
     * @param header  column names
     * @param rows    rows with one cell per column
     * @param caption text under it, or {@code null}
     */
    record Table(String title, List<String> header, List<List<String>> rows, String caption) implements ReportSection {
        /**
         * Checks the values and copies the lists.
         *
         * @param title heading, not blank
         * @param header column names, not empty
         * @param rows rows with one cell per column; null for none
         * @param caption text under it, or null
         * @throws org.xai4j.core.InvalidConfigException if the title is blank or the header empty
         * @throws org.xai4j.core.InvalidShapeException if a row does not have one cell per column
         */
        public Table {
            requireTitle(title);
            if (header == null || header.isEmpty()) {
                throw new InvalidConfigException("table '" + title + "' needs a header");
            }
            header = List.copyOf(header);
            List<List<String>> copy = new ArrayList<>();
            for (int r = 0; r < (rows == null ? 0 : rows.size()); r++) {
                List<String> row = rows.get(r);
                if (row == null || row.size() != header.size()) {
                    throw new InvalidShapeException("table '" + title + "' row " + r + " has " + (row == null ? 0 : row.size())
                            + " cells but the header has " + header.size());
                }
                copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = List.copyOf(copy);
        }
    }

    /**
     * Paragraphs of plain text.
     *
     * @param title      heading
     * @param paragraphs one string per paragraph
     */
    record Text(String title, List<String> paragraphs) implements ReportSection {
        /**
         * Checks the title and copies the paragraphs.
         *
         * @param title heading, not blank
         * @param paragraphs one string per paragraph; null for none
         * @throws org.xai4j.core.InvalidConfigException if the title is blank
         */
        public Text {
            requireTitle(title);
            paragraphs = List.copyOf(paragraphs == null ? List.of() : paragraphs);
        }
    }

    /**
     * A figure section.
     *
     * @param title heading
     * @param image the picture
     * @param caption text under it, or null
     * @return the section
     */
    static ReportSection figure(String title, BufferedImage image, String caption) {
        return new Figure(title, image, caption);
    }

    /**
     * A chart, rendered now.
     *
     * @param title heading
     * @param chart the chart
     * @param caption text under it, or null
     * @return the section, holding the rendered image
     */
    static ReportSection chart(String title, Chart chart, String caption) {
        if (chart == null) {
            throw new InvalidConfigException("chart section '" + title + "' needs a chart");
        }
        return new Figure(title, chart.render(), caption);
    }

    /**
     * A table section.
     *
     * @param title heading
     * @param header column names
     * @param rows rows with one cell per column
     * @param caption text under it, or null
     * @return the section
     */
    static ReportSection table(String title, List<String> header, List<List<String>> rows, String caption) {
        return new Table(title, header, rows, caption);
    }

    /**
     * A text section.
     *
     * @param title heading
     * @param paragraphs one string per paragraph
     * @return the section
     */
    static ReportSection text(String title, String... paragraphs) {
        return new Text(title, Arrays.asList(paragraphs));
    }

    private static void requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidConfigException("a report section needs a title");
        }
    }
}
