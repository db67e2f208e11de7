/**
 * The self-contained HTML report ({@link org.xai4j.viz.report.HtmlReport}): inputs with their
 * predictions, each method's picture, timings and provenance, plus free figure, table and text
 * sections. No scripts, no external resources, all text escaped.
 */
package org.xai4j.viz.report;
