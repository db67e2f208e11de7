/**
 * Example programs that rerun the five student XAI reports end to end on offline data: each trains (or loads) its
 * models, explains them with xai4j, measures what the originals could only eyeball (the generated data carry ground
 * truth), and writes {@code index.html}, PNG figures and {@code summary.json}. Run one with
 * {@code ./xai example NAME --out DIR [--quick]} or {@link org.xai4j.examples.Examples#main}.
 */
package org.xai4j.examples;
