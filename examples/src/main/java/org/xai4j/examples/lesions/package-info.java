/**
 * Report R1 reproduced: skin-lesion classification (seven classes, HAM10000's imbalance) and segmentation, explained
 * by Grad-CAM, LIME and occlusion, with the share of each map's evidence on the lesion, its border and the skin.
 */
package org.xai4j.examples.lesions;
