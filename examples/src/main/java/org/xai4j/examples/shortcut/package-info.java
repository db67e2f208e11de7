/**
 * Report R5 reproduced ({@link org.xai4j.examples.shortcut.ShortcutStudy}): a ResNet-style classifier with a
 * squeeze-and-excitation block learns a planted shortcut (a dark ring on one class's training images), and LRP,
 * Grad-CAM, CRP and a relevance-based ring finder are measured against the planted ground truth.
 */
package org.xai4j.examples.shortcut;
