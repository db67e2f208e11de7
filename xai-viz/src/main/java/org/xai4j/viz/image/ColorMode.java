package org.xai4j.viz.image;

/** Channels of a tensor read from an image. */
public enum ColorMode {
    /** Three channels: red, green, blue. */
    RGB,
    /** One channel: luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's "L" mode). */
    GREY
}
