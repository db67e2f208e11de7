/**
 * xai4j through its public API with default settings against the Python anchors (torch, Captum,
 * pytorch-grad-cam, lime) on the same models and inputs, alternating in one run: {@link
 * org.xai4j.bench.sidebyside.SideBySide} prints the Markdown table of docs/benchmarks.md's section "Side by side
 * with the Python anchors (issue 19)".
 */
package org.xai4j.bench.sidebyside;
