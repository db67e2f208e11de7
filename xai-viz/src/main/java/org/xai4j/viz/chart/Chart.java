package org.xai4j.viz.chart;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xai4j.viz.image.Png;

/**
 * A chart of a fixed size that draws itself with Java2D, so it can become a bitmap ({@link #render()},
 * {@link #writePng}) or an SVG document ({@link #toSvg()}, {@link #writeSvg}). Rendering is headless
 * and deterministic on a given machine (same fonts, same pixels).
 */
public interface Chart {
    /**
     * Width in pixels.
     *
     * @return the width in pixels
     */
    int width();

    /**
     * Height in pixels.
     *
     * @return the height in pixels
     */
    int height();

    /**
     * Draws the chart into {@code g}, in the rectangle (0, 0, width, height).
     *
     * @param g the graphics to draw into
     */
    void paint(Graphics2D g);

    /**
     * The chart as an opaque RGB image on white.
     *
     * @return a new image, width × height
     */
    default BufferedImage render() {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width(), height());
            paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Writes {@link #render()} as PNG.
     *
     * @param file the file to create or replace
     * @return {@code file}
     */
    default Path writePng(Path file) {
        return Png.write(render(), file);
    }

    /**
     * The chart as an SVG document.
     *
     * @return the SVG text
     */
    default String toSvg() {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        paint(g);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@link #toSvg()}, creating parent folders; atomically (no partial file on failure).
     *
     * @param file the file to create or replace
     * @return {@code file}
     */
    default Path writeSvg(Path file) {
        return org.xai4j.core.util.OutputFiles.write(file, toSvg().getBytes(StandardCharsets.UTF_8));
    }
}
