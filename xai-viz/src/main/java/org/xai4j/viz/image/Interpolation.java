package org.xai4j.viz.image;

/** How an image is scaled into a grid cell. */
public enum Interpolation {
    /** Each source pixel becomes a block: honest for small inputs such as 28×28 digits. */
    NEAREST,
    /** Smooth bilinear scaling. */
    BILINEAR
}
