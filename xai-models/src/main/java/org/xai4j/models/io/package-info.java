/** Array and image I/O: NumPy's {@code .npy} format, and PNG/JPEG files as normalised NCHW tensors. */
package org.xai4j.models.io;
