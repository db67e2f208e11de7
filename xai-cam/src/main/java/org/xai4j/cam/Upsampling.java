package org.xai4j.cam;

/**
 * How bilinear resizing places the source grid on the destination grid.
 */
public enum Upsampling {
    /**
     * Pixel centres aligned: source coordinate {@code (d + 0.5)·in/out − 0.5}, clamped at the border. This
     * is {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} and OpenCV's
     * {@code INTER_LINEAR} resize, which pytorch-grad-cam uses for its output maps.
     */
    HALF_PIXEL,
    /**
     * Corner pixels aligned: source coordinate {@code d·(in − 1)/(out − 1)}. This is
     * {@code align_corners=True}, i.e. {@code torch.nn.UpsamplingBilinear2d}, which pytorch-grad-cam's
     * Score-CAM uses to turn activations into input masks.
     */
    ALIGN_CORNERS
}
