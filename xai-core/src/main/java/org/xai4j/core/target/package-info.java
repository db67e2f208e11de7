/** What is being explained: a class per row, the predicted class, a class over a segmentation mask, or any scalarising function. */
package org.xai4j.core.target;
