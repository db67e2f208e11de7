/**
 * Similarity between two batches of maps, row by row: SSIM (uniform or Gaussian window, scikit-image's
 * conventions), Pearson, Spearman, Kendall τ-b, cosine, mean absolute difference, Jaccard of top-k and of
 * thresholded maps, and agreement matrices across methods and across models.
 */
package org.xai4j.metrics.similarity;
