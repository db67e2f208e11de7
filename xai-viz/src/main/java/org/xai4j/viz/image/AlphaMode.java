package org.xai4j.viz.image;

/** How strongly the heatmap covers the image at each pixel. */
public enum AlphaMode {
    /** The same alpha everywhere: {@code out = (1 − α)·image + α·colour} (pytorch-grad-cam). */
    CONSTANT,
    /**
     * Alpha grows with the map's strength: {@code α·t} for unsigned normalisations, {@code α·|2t − 1|}
     * for signed ones, so weak regions show the image untouched.
     */
    BY_VALUE
}
