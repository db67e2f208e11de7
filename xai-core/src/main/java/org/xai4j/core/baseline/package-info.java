/** Reference inputs: zeros, constants, blurs, noise and background sets. */
package org.xai4j.core.baseline;
