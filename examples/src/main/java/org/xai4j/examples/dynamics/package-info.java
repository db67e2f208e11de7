/**
 * Report R4 reproduced with six Fashion-MNIST classes standing in for the six Intel scene classes: how a small
 * ResNet-style network's confusions evolve over training, explained by LIME, Grad-CAM and saliency
 * ({@link org.xai4j.examples.dynamics.DynamicsStudy}).
 */
package org.xai4j.examples.dynamics;
