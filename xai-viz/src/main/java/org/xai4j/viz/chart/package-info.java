/**
 * Charts as {@link org.xai4j.viz.chart.Chart}s that render to PNG or SVG: bars
 * ({@link org.xai4j.viz.chart.BarChart}: probabilities, entropy per class, TCAV), curves
 * ({@link org.xai4j.viz.chart.LineChart}: deletion/insertion, training), annotated matrices
 * ({@link org.xai4j.viz.chart.MatrixChart}: confusion, agreement) and reliability diagrams
 * ({@link org.xai4j.viz.chart.ReliabilityDiagram}). {@link org.xai4j.viz.chart.Charts} has ready-made
 * ones. Bars, curves and reliability diagrams are XChart charts; matrices are drawn with Java2D.
 */
package org.xai4j.viz.chart;
