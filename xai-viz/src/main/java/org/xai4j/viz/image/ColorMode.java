package org.xai4j.viz.image;

/** Channels of a tensor read from an image. */
public enum ColorMode {
    /** Three channels: red, green, blue. */
    RGB,
    /** One channel: {@link org.xai4j.core.image.Luma}, PIL's "L" mode (ITU-R 601-2 luma in fixed point). */
    GREY
}
