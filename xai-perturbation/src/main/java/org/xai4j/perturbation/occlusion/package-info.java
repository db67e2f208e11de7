/**
 * Occlusion (Zeiler and Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014) and
 * feature ablation, with Captum's conventions: the attribution of an element is the drop in the target
 * score when it is replaced by the baseline — for occlusion averaged over every sliding window that
 * covers it, for ablation the drop when its whole feature group is replaced.
 */
package org.xai4j.perturbation.occlusion;
