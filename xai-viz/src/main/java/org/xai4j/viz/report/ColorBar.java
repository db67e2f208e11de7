package org.xai4j.viz.report;

import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.color.Colormap;

/**
 * The legend of one kind of map in a report: its colormap drawn as a bar with the values at its ends and
 * middle, e.g. signed attributions ({@code −max|v|}, {@code 0}, {@code +max|v|} on blue–white–red) or
 * non-negative CAMs ({@code 0} … {@code max} on jet).
 *
 * @param title    what the bar is for, e.g. "signed maps (gradients, SHAP)"
 * @param colormap the colours the maps use
 * @param low      the value drawn at the left end, as text
 * @param middle   the value drawn at the middle, as text, or {@code null} for none
 * @param high     the value drawn at the right end, as text
 */
public record ColorBar(String title, Colormap colormap, String low, String middle, String high) {
    /**
     * Checks the values.
     *
     * @param title what the bar is for, not blank
     * @param colormap the colours the maps use, not null
     * @param low the value drawn at the left end, not null
     * @param middle the value drawn at the middle, or null
     * @param high the value drawn at the right end, not null
     * @throws org.xai4j.core.InvalidConfigException if the title is blank or the colormap or an end label is null
     */
    public ColorBar {
        if (title == null || title.isBlank()) {
            throw new InvalidConfigException("a colour bar needs a title");
        }
        if (colormap == null || low == null || high == null) {
            throw new InvalidConfigException("colour bar '" + title + "' needs a colormap and labels for both ends");
        }
    }
}
