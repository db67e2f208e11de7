package org.xai4j.viz.color;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.NonFiniteValueException;

/**
 * Colormaps for heatmaps, tabulated from their published definitions: each channel is piecewise linear
 * between control points, so a map is continuous in its position {@code t ∈ [0, 1]}.
 *
 * <ul>
 *   <li>{@link #VIRIDIS}: perceptually uniform, for unsigned maps (van der Walt and Smith, 2015; the
 *       256-entry table matplotlib publishes, interpolated linearly between entries);</li>
 *   <li>{@link #JET}: the classic rainbow used by Grad-CAM figures (pytorch-grad-cam's default);</li>
 *   <li>{@link #BWR} and {@link #SEISMIC}: diverging blue–white–red for signed maps, white (or, for
 *       seismic, white at the centre with darker ends) at {@code t = 0.5}, i.e. at zero after
 *       {@link Normalization#symmetric()};</li>
 *   <li>{@link #COLDNHOT}: zennit's diverging map for relevance (cyan–blue–black–red–yellow–white, black at
 *       zero), from zennit's colour-map source {@code 0ff,00f,80:000,f00,ff0,fff}: nodes at 0, 64, 128, 170,
 *       212 and 255 of 255. Its centre is 128/255 ≈ 0.502, as in zennit, not 0.5;</li>
 *   <li>{@link #GREY}: black to white.</li>
 * </ul>
 *
 * <p>At the 256 positions {@code t = i / 255} every map equals matplotlib's lookup-table entry {@code i};
 * matplotlib quantises positions in between to those 256 entries, this class interpolates. Positions
 * outside {@code [0, 1]} are clamped.
 */
public enum Colormap {
    /** Matplotlib's perceptually uniform viridis (dark blue to yellow), for unsigned maps. */
    VIRIDIS(false, listed(ViridisTable.RGB)),
    /** Matplotlib's jet (blue–cyan–yellow–red), pytorch-grad-cam's default, for unsigned maps. */
    JET(false, new double[][][] {
        {{0.0, 0.0}, {0.35, 0.0}, {0.66, 1.0}, {0.89, 1.0}, {1.0, 0.5}},
        {{0.0, 0.0}, {0.125, 0.0}, {0.375, 1.0}, {0.64, 1.0}, {0.91, 0.0}, {1.0, 0.0}},
        {{0.0, 0.5}, {0.11, 1.0}, {0.34, 1.0}, {0.65, 0.0}, {1.0, 0.0}}}),
    /** Matplotlib's bwr (blue–white–red), diverging: white at zero. */
    BWR(true, new double[][][] {
        {{0.0, 0.0}, {0.5, 1.0}, {1.0, 1.0}},
        {{0.0, 0.0}, {0.5, 1.0}, {1.0, 0.0}},
        {{0.0, 1.0}, {0.5, 1.0}, {1.0, 0.0}}}),
    /** Matplotlib's seismic (dark blue–white–dark red), diverging: white at zero. */
    SEISMIC(true, new double[][][] {
        {{0.0, 0.0}, {0.25, 0.0}, {0.5, 1.0}, {0.75, 1.0}, {1.0, 0.5}},
        {{0.0, 0.0}, {0.25, 0.0}, {0.5, 1.0}, {0.75, 0.0}, {1.0, 0.0}},
        {{0.0, 0.3}, {0.25, 1.0}, {0.5, 1.0}, {0.75, 0.0}, {1.0, 0.0}}}),
    /** Zennit's coldnhot (cyan–blue–black–red–yellow–white), diverging: black at zero. */
    COLDNHOT(true, new double[][][] {
        {{0.0, 0.0}, {64 / 255.0, 0.0}, {128 / 255.0, 0.0}, {170 / 255.0, 1.0}, {212 / 255.0, 1.0}, {1.0, 1.0}},
        {{0.0, 1.0}, {64 / 255.0, 0.0}, {128 / 255.0, 0.0}, {170 / 255.0, 0.0}, {212 / 255.0, 1.0}, {1.0, 1.0}},
        {{0.0, 1.0}, {64 / 255.0, 1.0}, {128 / 255.0, 0.0}, {170 / 255.0, 0.0}, {212 / 255.0, 0.0}, {1.0, 1.0}}}),
    /** Black to white, for unsigned maps. */
    GREY(false, new double[][][] {
        {{0.0, 0.0}, {1.0, 1.0}},
        {{0.0, 0.0}, {1.0, 1.0}},
        {{0.0, 0.0}, {1.0, 1.0}}});

    private final boolean diverging;
    /** Per channel (r, g, b): control-point positions and values. */
    private final double[][] xs = new double[3][];
    private final double[][] ys = new double[3][];

    Colormap(boolean diverging, double[][][] channels) {
        this.diverging = diverging;
        for (int c = 0; c < 3; c++) {
            double[][] points = channels[c];
            xs[c] = new double[points.length];
            ys[c] = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                xs[c][i] = points[i][0];
                ys[c][i] = points[i][1];
            }
        }
    }

    private static double[][][] listed(double[][] table) {
        double[][][] channels = new double[3][table.length][];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < table.length; i++) {
                channels[c][i] = new double[] {i / (double) (table.length - 1), table[i][c]};
            }
        }
        return channels;
    }

    /**
     * Whether the map is meant for signed values, with zero at {@code t = 0.5}.
     *
     * @return true for BWR, SEISMIC and COLDNHOT
     */
    public boolean diverging() {
        return diverging;
    }

    /**
     * The lower-case name ({@code viridis}, {@code jet}, {@code bwr}, {@code seismic}, {@code coldnhot},
     * {@code grey}).
     *
     * @return the name, as {@link #byName} accepts it
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The map named {@code name}, case-insensitive; {@code gray} is accepted for {@link #GREY}.
     *
     * @param name a map's name, e.g. {@code viridis}
     * @return the map
     * @throws InvalidConfigException if no map has that name, listing the names
     */
    public static Colormap byName(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.equals("GRAY")) {
                return GREY;
            }
            for (Colormap m : values()) {
                if (m.name().equals(n)) {
                    return m;
                }
            }
        }
        throw new InvalidConfigException("unknown colormap '" + name + "'; known: "
                + Arrays.toString(Arrays.stream(values()).map(Colormap::id).toArray()));
    }

    /**
     * Red, green and blue in [0, 1] at position {@code t} (clamped to [0, 1]).
     *
     * @param t the position
     * @return a new array {r, g, b}
     * @throws NonFiniteValueException if {@code t} is NaN
     */
    public double[] rgb(double t) {
        if (Double.isNaN(t)) {
            throw new NonFiniteValueException("colormap position is NaN");
        }
        double u = Math.min(1.0, Math.max(0.0, t));
        return new double[] {channel(0, u), channel(1, u), channel(2, u)};
    }

    /**
     * The colour at {@code t} packed as opaque {@code 0xFFRRGGBB}, each channel rounded to 0–255.
     *
     * @param t the position
     * @return the colour as ARGB
     */
    public int argb(double t) {
        double[] c = rgb(t);
        return 0xFF000000 | toByte(c[0]) << 16 | toByte(c[1]) << 8 | toByte(c[2]);
    }

    /**
     * The colour at {@code t}.
     *
     * @param t the position
     * @return the colour, opaque
     */
    public Color color(double t) {
        return new Color(argb(t), false);
    }

    static int toByte(double v) {
        return (int) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255.0);
    }

    private double channel(int c, double t) {
        double[] x = xs[c];
        double[] y = ys[c];
        int hi = Arrays.binarySearch(x, t);
        if (hi >= 0) {
            return y[hi];
        }
        hi = -hi - 1; // first control point with x > t; t lies in (x[hi-1], x[hi])
        int lo = hi - 1;
        double w = (t - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }
}
