package org.xai4j.viz.chart;

import java.awt.Color;

/**
 * One colour per class, the same in every training-dynamics picture and page: matplotlib's "tab10" for
 * classes 0–9, their light "tab20" partners for 10–19, then hues spaced by the golden angle.
 */
public final class ClassColors {
    private ClassColors() {
    }

    /**
     * The colour of class {@code k} (k ≥ 0).
     *
     * @param k the class index
     * @return the class's colour, the same for the same {@code k} in every picture
     */
    public static Color color(int k) {
        return Theme.classColor(k);
    }
}
