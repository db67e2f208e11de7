/** Scale measurements of the concept methods: NMF on a large streamed matrix, side by side with scikit-learn. */
package org.xai4j.bench.concepts;
