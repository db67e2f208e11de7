/**
 * Images of explanations: tensor ↔ {@link java.awt.image.BufferedImage}
 * ({@link org.xai4j.viz.image.ImageTensors}), heatmaps, overlays ({@link org.xai4j.viz.image.Overlay}),
 * masked images, LIME superpixels ({@link org.xai4j.viz.image.SuperpixelOverlay}), titled grids
 * ({@link org.xai4j.viz.image.ImageGrid}) and PNG output ({@link org.xai4j.viz.image.Png}).
 */
package org.xai4j.viz.image;
