/**
 * Pictures of explanations: {@link org.xai4j.viz.ScalarMap} (an H×W map taken from an ND4J array),
 * colormaps and normalisation ({@code color}), overlays, masks, superpixel boundaries, grids and PNG
 * ({@code image}), XChart-based charts ({@code chart}) and a self-contained HTML report ({@code report}).
 * Everything is headless Java2D and deterministic.
 */
package org.xai4j.viz;
