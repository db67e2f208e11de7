/**
 * Colormaps ({@link org.xai4j.viz.color.Colormap}: viridis, jet, bwr, seismic, grey) and the
 * normalisations that turn an explanation map into colormap positions
 * ({@link org.xai4j.viz.color.Normalization}: min–max, symmetric around zero, percentile clipping,
 * Captum's cumulative-mass clipping).
 */
package org.xai4j.viz.color;
