/**
 * Fashion-MNIST for the {@code concepts} (R2) and {@code dynamics} (R4) examples: the IDX reader (Debian's
 * {@code dataset-fashion-mnist} when installed, else the committed subset written by
 * {@code tools/examples/fashion_mnist_subset.py}), the seeded train/validation/test split, and training a DL4J
 * network epoch by epoch while the library's {@link org.xai4j.metrics.dynamics.PredictionRecorder} records every
 * test image's prediction.
 */
package org.xai4j.examples.fashion;
