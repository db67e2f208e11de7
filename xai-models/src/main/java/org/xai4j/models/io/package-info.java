/** Array and image I/O: NumPy's {@code .npy} format. */
package org.xai4j.models.io;
