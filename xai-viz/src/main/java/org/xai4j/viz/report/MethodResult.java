package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.xai4j.core.Explanation;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Provenance;

/**
 * One method's picture for one input, with how long it took and how it was made.
 *
 * @param method     display name (e.g. "Grad-CAM")
 * @param image      the overlay (or any picture of the explanation)
 * @param time       wall-clock time of the explanation, or {@code null}
 * @param provenance the explanation's provenance, or {@code null}
 * @param note       a short remark under the picture (e.g. "Δ = 1e-4"), or {@code null}
 */
public record MethodResult(String method, BufferedImage image, Duration time, Provenance provenance, String note) {
    /**
     * Checks the values.
     *
     * @param method display name (e.g. "Grad-CAM")
     * @param image the overlay (or any picture of the explanation)
     * @param time wall-clock time of the explanation, or {@code null}
     * @param provenance the explanation's provenance, or {@code null}
     * @param note a short remark under the picture (e.g. "Δ = 1e-4"), or {@code null}
     * @throws org.xai4j.core.InvalidConfigException if {@code method} is null or blank
     */
    public MethodResult {
        if (method == null || method.isBlank()) {
            throw new InvalidConfigException("a method result needs a method name");
        }
        if (image == null) {
            throw new InvalidConfigException("method result '" + method + "' needs an image");
        }
    }

    /**
     * The result of an explanation: its provenance is taken from it.
     *
     * @param method display name, e.g. "Grad-CAM"
     * @param image the picture of the explanation
     * @param time the wall-clock time, or null
     * @param explanation the explanation, or null
     * @return the result
     */
    public static MethodResult of(String method, BufferedImage image, Duration time, Explanation explanation) {
        return new MethodResult(method, image, time, explanation == null ? null : explanation.provenance(), null);
    }
}
