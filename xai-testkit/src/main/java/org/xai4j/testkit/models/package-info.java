/**
 * Small models computed in plain Java double precision, independent of ND4J's kernels, with gradients in
 * closed form: a linear model, a quadratic form, a two-layer ReLU net and a tiny conv net with a
 * global-average-pool linear head (whose Grad-CAM is its class activation map divided by H·W).
 */
package org.xai4j.testkit.models;
