package org.xai4j.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.baseline.BlurBaseline;
import org.xai4j.core.baseline.ConstantBaseline;
import org.xai4j.core.baseline.UniformNoiseBaseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.perturbation.features.ChannelMeanBaseline;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.LimeConfig;

/**
 * The command line's spelling of setting values, both ways: enums in kebab case (either case, '-' or '_'),
 * integer lists {@code 4,4}, baselines ({@code zeros}, a number, {@code blur:SIGMA}, {@code uniform:LO:HI},
 * {@code mean}), segmenters ({@code grid=G} or {@code superpixels=slic:N|felzenszwalb:K|watershed:MIN}), batch
 * policies by {@code batch-size} rows, LIME's hiding ({@code mean}, {@code blur:SIGMA} or a number).
 */
final class CliValues {
    private static final Pattern GRID = Pattern.compile("grid (\\d+)x(\\d+)");
    private static final Pattern SLIC = Pattern.compile("slic regions=(\\d+) .*");
    private static final Pattern FELZENSZWALB = Pattern.compile("felzenszwalb k=([^ ]+) .*");
    private static final Pattern WATERSHED = Pattern.compile("watershed minregion=(\\d+)");

    private CliValues() {
    }

    /** Whether a component of this type is set by a parameter named after it. */
    static boolean parseable(Class<?> type) {
        return type == int.class || type == long.class || type == double.class || type == boolean.class || type.isEnum()
                || type == int[].class || type == Baseline.class || type == LimeConfig.Hide.class;
    }

    /** Parameter {@code key} (as the user typed it) as a value of {@code type}. */
    static Object parse(Class<?> type, String key, Params p) {
        if (type == int.class) {
            return p.integer(key, 0);
        }
        if (type == long.class) {
            return p.longValue(key, 0);
        }
        if (type == double.class) {
            return p.number(key, 0);
        }
        if (type == boolean.class) {
            return p.bool(key, false);
        }
        if (type == int[].class) {
            return p.integers(key, null);
        }
        if (type.isEnum()) {
            return choice(type.asSubclass(Enum.class), key, p);
        }
        if (type == Baseline.class) {
            return baseline(key, p.string(key, null));
        }
        if (type == LimeConfig.Hide.class) {
            return hide(key, p.string(key, null));
        }
        throw new IllegalArgumentException("no command-line syntax for " + type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object choice(Class type, String key, Params p) {
        return p.choice(key, type, null);
    }

    /** A setting's value as the user would type it. */
    static String format(Object v) {
        if (v instanceof Enum<?> e) {
            return Params.kebab(e);
        }
        if (v instanceof int[] a) {
            return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
        }
        if (v instanceof Baseline b) {
            return baselineText(b);
        }
        if (v instanceof BatchPolicy b) {
            return Integer.toString(b.maxRows());
        }
        if (v instanceof LimeConfig.Hide h) {
            return h.describe();
        }
        return String.valueOf(v);
    }

    static Baseline baseline(String key, String text) {
        if (text.equals("zeros")) {
            return Baseline.zeros();
        }
        if (text.equals("mean")) {
            return ChannelMeanBaseline.INSTANCE;
        }
        try {
            if (text.startsWith("blur:")) {
                return Baseline.blur(Double.parseDouble(text.substring(5)));
            }
            if (text.startsWith("uniform:")) {
                String[] p = text.substring(8).split(":");
                return Baseline.uniformNoise(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            }
            return Baseline.constant(Double.parseDouble(text));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UsageException(key + " must be a number, zeros, mean, blur:SIGMA or uniform:LO:HI but was '" + text + "'");
        }
    }

    private static String baselineText(Baseline b) {
        if (b instanceof ConstantBaseline c) {
            return c.value() == 0 ? "zeros" : Double.toString(c.value());
        }
        if (b instanceof BlurBaseline blur) {
            return "blur:" + blur.sigma();
        }
        if (b instanceof UniformNoiseBaseline u) {
            return "uniform:" + u.lo() + ":" + u.hi();
        }
        if (b instanceof ChannelMeanBaseline) {
            return "mean";
        }
        return b.describe();
    }

    static LimeConfig.Hide hide(String key, String text) {
        if (text.equals("mean")) {
            return LimeConfig.Hide.MEAN;
        }
        try {
            if (text.startsWith("blur:")) {
                return LimeConfig.Hide.blur(Double.parseDouble(text.substring(5)));
            }
            return LimeConfig.Hide.constant(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be mean, blur:SIGMA or a number but was '" + text + "'");
        }
    }

    /** {@code grid=G} or {@code superpixels=...} (one of them), or {@code fallback}. */
    static Segmenter segmenter(Params p, Segmenter fallback) {
        if (p.has("grid") && p.has("superpixels")) {
            throw new UsageException("give grid or superpixels, not both");
        }
        if (p.has("grid")) {
            int g = p.integer("grid", 0);
            if (g < 1) {
                throw new UsageException("grid must be at least 1 but was " + g);
            }
            return Segmenter.grid(g);
        }
        if (!p.has("superpixels")) {
            return fallback;
        }
        String s = p.string("superpixels", null);
        try {
            if (s.startsWith("grid:")) {
                return Segmenter.grid(Integer.parseInt(s.substring(5)));
            }
            if (s.startsWith("slic:")) {
                return Superpixels.slic(Integer.parseInt(s.substring(5)));
            }
            if (s.startsWith("felzenszwalb:")) {
                return Superpixels.felzenszwalb(Float.parseFloat(s.substring(13)), 10);
            }
            if (s.startsWith("watershed:")) {
                return Superpixels.watershed(Integer.parseInt(s.substring(10)));
            }
        } catch (NumberFormatException e) {
            throw new UsageException("superpixels must be slic:N, felzenszwalb:K or watershed:MIN but was '" + s + "'");
        }
        throw new UsageException("superpixels must be slic:N, felzenszwalb:K or watershed:MIN but was '" + s + "'");
    }

    /** The segmenter as {@code grid} shows it: G for a G×G grid, else "-". */
    static String gridText(Segmenter s) {
        Matcher m = GRID.matcher(s.describe());
        return m.matches() && m.group(1).equals(m.group(2)) ? m.group(1) : "-";
    }

    /** The segmenter as {@code superpixels} shows it, or "-" for a grid or every element its own feature. */
    static String superpixelsText(Segmenter s) {
        String d = s.describe().toLowerCase(Locale.ROOT);
        Matcher m = SLIC.matcher(d);
        if (m.matches()) {
            return "slic:" + m.group(1);
        }
        m = FELZENSZWALB.matcher(d);
        if (m.matches()) {
            return "felzenszwalb:" + m.group(1);
        }
        m = WATERSHED.matcher(d);
        if (m.matches()) {
            return "watershed:" + m.group(1);
        }
        return "-";
    }
}
