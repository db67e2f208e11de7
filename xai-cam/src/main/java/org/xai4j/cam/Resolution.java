package org.xai4j.cam;

/** The grid a CAM is returned on. */
public enum Resolution {
    /** The target layer's own H×W (Captum's {@code LayerGradCam} without interpolation). */
    LAYER,
    /** Bilinearly resized to the input's H×W (pytorch-grad-cam's output). */
    INPUT
}
