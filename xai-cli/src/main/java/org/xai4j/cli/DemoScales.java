package org.xai4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.viz.color.Normalization;
import org.xai4j.viz.image.OverlayStyle;
import org.xai4j.viz.report.ColorBar;

/**
 * How the demo colours its maps: signed maps on blue–white–red, CAMs (non-negative) on jet; per map by
 * default (each map's own range), or with {@code --shared-scale} one range per kind across every method and
 * image, so that the same value has the same colour in every map of that kind.
 */
final class DemoScales {
    private DemoScales() {
    }

    /** The colouring of each method and the colour bars that explain it. */
    record Scales(Map<String, OverlayStyle> styles, List<ColorBar> bars) {
    }

    /**
     * Styles and colour bars for the methods' maps.
     *
     * @param maps   per method (report label), its maps over the images
     * @param cams   the labels of the methods whose maps are CAMs (non-negative)
     * @param shared one range per kind across all methods and images, instead of one per map
     */
    static Scales of(Map<String, List<INDArray>> maps, Set<String> cams, boolean shared) {
        double maxAbs = 0;
        double camLo = Double.POSITIVE_INFINITY;
        double camHi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<INDArray>> e : maps.entrySet()) {
            for (INDArray m : e.getValue()) {
                if (cams.contains(e.getKey())) {
                    camLo = Math.min(camLo, m.minNumber().doubleValue());
                    camHi = Math.max(camHi, m.maxNumber().doubleValue());
                } else {
                    maxAbs = Math.max(maxAbs, m.amaxNumber().doubleValue());
                }
            }
        }
        boolean anySigned = maps.keySet().stream().anyMatch(k -> !cams.contains(k));
        boolean anyCam = maps.keySet().stream().anyMatch(cams::contains);
        OverlayStyle signed = OverlayStyle.signed();
        OverlayStyle cam = OverlayStyle.defaults();
        List<ColorBar> bars = new java.util.ArrayList<>();
        if (shared) {
            if (anySigned && maxAbs > 0) {
                signed = OverlayStyle.signed(Normalization.fixedSymmetric(maxAbs));
            }
            if (anyCam && camHi > camLo) {
                cam = OverlayStyle.builder().normalization(Normalization.fixed(camLo, camHi)).build();
            }
        }
        if (anySigned) {
            bars.add(shared && maxAbs > 0
                    ? new ColorBar("signed maps, one scale for all methods", signed.colormap(), num(-maxAbs), "0", num(maxAbs))
                    : new ColorBar("signed maps, each scaled to its own 99th percentile of |value|", signed.colormap(),
                            "−p99 |value|", "0", "+p99 |value|"));
        }
        if (anyCam) {
            bars.add(shared && camHi > camLo
                    ? new ColorBar("CAMs, one scale for all CAM methods", cam.colormap(), num(camLo), null, num(camHi))
                    : new ColorBar("CAMs, each scaled to its own minimum and maximum", cam.colormap(), "min", null, "max"));
        }
        Map<String, OverlayStyle> styles = new LinkedHashMap<>();
        for (String method : maps.keySet()) {
            styles.put(method, cams.contains(method) ? cam : signed);
        }
        return new Scales(styles, bars);
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
