/**
 * Pixels and model tensors: {@link org.xai4j.core.image.ImageNormalization}, the one description of how a
 * model's input tensor relates to pixels in [0, 1] (with the presets the CLI names), and
 * {@link org.xai4j.core.image.Luma}, the one greyscale conversion.
 */
package org.xai4j.core.image;
