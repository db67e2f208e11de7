package org.xai4j.viz.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * A titled grid of images: one row per input, one column per method (the usual comparison figure).
 * Each image is scaled to fit its cell (square unless set otherwise), keeping its aspect ratio; a {@code null} cell stays empty.
 * Titles may hold line breaks; column titles wrap at spaces, and text still too wide is cut with an
 * ellipsis.
 */
public final class ImageGrid {
    private final String title;
    private final List<String> columnTitles;
    private final List<String> rowTitles;
    private final List<List<BufferedImage>> rows;
    private final int cellWidth;
    private final int cellHeight;
    private final int padding;
    private final int fontSize;
    private final Interpolation interpolation;
    private final Color background;

    private ImageGrid(Builder b) {
        if (b.rows.isEmpty()) {
            throw new InvalidConfigException("an image grid needs at least one row but none was added");
        }
        int cols = b.columnTitles.isEmpty() ? b.rows.get(0).size() : b.columnTitles.size();
        if (cols == 0) {
            throw new InvalidConfigException("an image grid needs at least one column");
        }
        for (int r = 0; r < b.rows.size(); r++) {
            if (b.rows.get(r).size() != cols) {
                throw new InvalidShapeException("grid row " + r + " has " + b.rows.get(r).size() + " images but the grid has "
                        + cols + " columns");
            }
        }
        if (b.cellWidth < 8 || b.cellHeight < 8 || b.padding < 0 || b.fontSize < 6) {
            throw new InvalidConfigException("grid cells must be at least 8×8, padding ≥ 0 and font size ≥ 6 but got "
                    + b.cellWidth + "×" + b.cellHeight + ", " + b.padding + ", " + b.fontSize);
        }
        this.title = b.title;
        this.columnTitles = List.copyOf(b.columnTitles);
        this.rowTitles = Collections.unmodifiableList(new ArrayList<>(b.rowTitles));
        List<List<BufferedImage>> copy = new ArrayList<>();
        for (List<BufferedImage> row : b.rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        this.rows = Collections.unmodifiableList(copy);
        this.cellWidth = b.cellWidth;
        this.cellHeight = b.cellHeight;
        this.padding = b.padding;
        this.fontSize = b.fontSize;
        this.interpolation = b.interpolation;
        this.background = b.background;
    }

    /**
     * Starts a grid: no title, no rows, 128×128-pixel cells, padding 8, 13-point titles, nearest-neighbour scaling,
     * white background.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Number of rows.
     *
     * @return the rows added to the builder
     */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Number of columns.
     *
     * @return the length of the first row
     */
    public int columnCount() {
        return rows.get(0).size();
    }

    /**
     * Draws the grid: the title, the column titles, then each row's title and its images, each fitted into its
     * cell keeping its aspect ratio.
     *
     * @return a new opaque RGB image
     */
    public BufferedImage render() {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
        Font titleFont = font.deriveFont(Font.BOLD, fontSize * 1.25f);
        // Measure with a scratch graphics so the layout is known before the canvas exists.
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D sg = scratch.createGraphics();
        FontMetrics fm = sg.getFontMetrics(font);
        FontMetrics tfm = sg.getFontMetrics(titleFont);
        int lineH = fm.getHeight();
        int maxRowTitle = 0;
        for (String t : rowTitles) {
            for (String line : lines(t)) {
                maxRowTitle = Math.max(maxRowTitle, fm.stringWidth(line));
            }
        }
        sg.dispose();
        int rowTitleW = maxRowTitle == 0 ? 0 : Math.min(maxRowTitle, 2 * cellWidth) + padding;
        List<List<String>> colText = new ArrayList<>();
        for (String t : columnTitles) {
            colText.add(wrap(lines(t), fm, cellWidth + padding / 2));
        }
        int colLines = colText.stream().mapToInt(List::size).max().orElse(0);
        int colTitleH = colLines == 0 ? 0 : colLines * lineH + padding / 2;
        int titleH = title == null || title.isBlank() ? 0 : tfm.getHeight() + padding;
        int cols = columnCount();
        int width = padding + rowTitleW + cols * (cellWidth + padding);
        int height = padding + titleH + colTitleH + rows.size() * (cellHeight + padding);

        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation == Interpolation.NEAREST
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(0x22, 0x22, 0x22));
            int y0 = padding;
            if (titleH > 0) {
                g.setFont(titleFont);
                String t = ellipsize(title, tfm, width - 2 * padding);
                g.drawString(t, padding, y0 + tfm.getAscent());
                y0 += titleH;
            }
            g.setFont(font);
            int x0 = padding + rowTitleW;
            for (int c = 0; c < colText.size(); c++) {
                List<String> ls = colText.get(c);
                int offset = colLines - ls.size(); // bottom-align titles of fewer lines
                for (int k = 0; k < ls.size(); k++) {
                    String s = ellipsize(ls.get(k), fm, cellWidth + padding / 2);
                    int cx = x0 + c * (cellWidth + padding) + (cellWidth - fm.stringWidth(s)) / 2;
                    g.drawString(s, cx, y0 + (k + offset) * lineH + fm.getAscent());
                }
            }
            y0 += colTitleH;
            for (int r = 0; r < rows.size(); r++) {
                int top = y0 + r * (cellHeight + padding);
                if (r < rowTitles.size() && rowTitles.get(r) != null) {
                    List<String> ls = lines(rowTitles.get(r));
                    int textTop = top + (cellHeight - ls.size() * lineH) / 2;
                    for (int k = 0; k < ls.size(); k++) {
                        String s = ellipsize(ls.get(k), fm, rowTitleW - padding);
                        g.drawString(s, padding, textTop + k * lineH + fm.getAscent());
                    }
                }
                for (int c = 0; c < cols; c++) {
                    BufferedImage img = rows.get(r).get(c);
                    if (img != null) {
                        drawFitted(g, img, x0 + c * (cellWidth + padding), top);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void drawFitted(Graphics2D g, BufferedImage img, int left, int top) {
        double scale = Math.min(cellWidth / (double) img.getWidth(), cellHeight / (double) img.getHeight());
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        g.drawImage(img, left + (cellWidth - w) / 2, top + (cellHeight - h) / 2, w, h, null);
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }

    /** Breaks each line at spaces so that it fits {@code maxWidth}; a single word too wide stays whole. */
    static List<String> wrap(List<String> lines, FontMetrics fm, int maxWidth) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            StringBuilder cur = new StringBuilder();
            for (String word : line.split(" ", -1)) {
                String next = cur.length() == 0 ? word : cur + " " + word;
                if (cur.length() > 0 && fm.stringWidth(next) > maxWidth) {
                    out.add(cur.toString());
                    cur = new StringBuilder(word);
                } else {
                    cur = new StringBuilder(next);
                }
            }
            out.add(cur.toString());
        }
        return out;
    }

    static String ellipsize(String s, FontMetrics fm, int maxWidth) {
        if (fm.stringWidth(s) <= maxWidth) {
            return s;
        }
        String dots = "…";
        int end = s.length();
        while (end > 0 && fm.stringWidth(s.substring(0, end) + dots) > maxWidth) {
            end--;
        }
        return s.substring(0, end) + dots;
    }

    /** Collects titles and rows; {@link #build()} checks that every row has one image per column. */
    public static final class Builder {
        private String title;
        private final List<String> columnTitles = new ArrayList<>();
        private final List<String> rowTitles = new ArrayList<>();
        private final List<List<BufferedImage>> rows = new ArrayList<>();
        private int cellWidth = 128;
        private int cellHeight = 128;
        private int padding = 8;
        private int fontSize = 13;
        private Interpolation interpolation = Interpolation.NEAREST;
        private Color background = Color.WHITE;

        private Builder() {
        }

        /**
         * A title above the grid.
         *
         * @param v the title, drawn in bold; {@code null}: none
         * @return this builder
         */
        public Builder title(String v) {
            title = v;
            return this;
        }

        /**
         * One title per column (e.g. "image", then method names).
         *
         * @param v the titles, left to right; replaces any given before
         * @return this builder
         */
        public Builder columnTitles(List<String> v) {
            columnTitles.clear();
            columnTitles.addAll(v);
            return this;
        }

        /**
         * One title per column.
         *
         * @param v the titles, left to right; replaces any given before
         * @return this builder
         */
        public Builder columnTitles(String... v) {
            return columnTitles(Arrays.asList(v));
        }

        /**
         * Adds a row: its title (may be {@code null}) and one image per column ({@code null} = empty cell).
         *
         * @param rowTitle drawn left of the row; {@code null}: none
         * @param images one image per column, left to right; {@code null} entries are empty cells
         * @return this builder
         */
        public Builder row(String rowTitle, List<BufferedImage> images) {
            if (images == null) {
                throw new InvalidShapeException("grid row " + rows.size() + " has no image list");
            }
            rowTitles.add(rowTitle);
            rows.add(new ArrayList<>(images));
            return this;
        }

        /**
         * Adds a row.
         *
         * @param rowTitle drawn left of the row; {@code null}: none
         * @param images one image per column, left to right; {@code null} entries are empty cells
         * @return this builder
         */
        public Builder row(String rowTitle, BufferedImage... images) {
            return row(rowTitle, Arrays.asList(images));
        }

        /**
         * Side of the square cell each image is fitted into, in pixels (default 128).
         *
         * @param v the cell's width and height in pixels
         * @return this builder
         */
        public Builder cellSize(int v) {
            return cellSize(v, v);
        }

        /**
         * Width and height of the cell each image is fitted into, in pixels.
         *
         * @param width the cell's width in pixels
         * @param height the cell's height in pixels
         * @return this builder
         */
        public Builder cellSize(int width, int height) {
            cellWidth = width;
            cellHeight = height;
            return this;
        }

        /**
         * Space between cells and around the grid (default 8).
         *
         * @param v the gap in pixels
         * @return this builder
         */
        public Builder padding(int v) {
            padding = v;
            return this;
        }

        /**
         * Font size of titles (default 13).
         *
         * @param v the size in points of column and row titles (the grid title is 1.25 times larger)
         * @return this builder
         */
        public Builder fontSize(int v) {
            fontSize = v;
            return this;
        }

        /**
         * How images are scaled into cells (default {@link Interpolation#NEAREST}).
         *
         * @param v the scaling; {@code null}: {@link Interpolation#NEAREST}
         * @return this builder
         */
        public Builder interpolation(Interpolation v) {
            interpolation = v == null ? Interpolation.NEAREST : v;
            return this;
        }

        /**
         * Background colour (default white).
         *
         * @param v the colour behind cells and titles; {@code null}: white
         * @return this builder
         */
        public Builder background(Color v) {
            background = v == null ? Color.WHITE : v;
            return this;
        }

        /**
         * The grid as set so far; the builder may be reused.
         *
         * @return the grid, holding copies of the row lists
         * @throws org.xai4j.core.InvalidConfigException if there are no rows or columns, cells are below 8×8,
         *         padding is negative or the font size below 6
         * @throws org.xai4j.core.InvalidShapeException if a row's length differs from the first row's
         */
        public ImageGrid build() {
            return new ImageGrid(this);
        }
    }
}
