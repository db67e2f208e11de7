package org.xai4j.viz.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.xai4j.core.XaiException;

/** PNG encoding: files, bytes and {@code data:} URIs for HTML. */
public final class Png {
    private Png() {
    }

    /**
     * The image as PNG bytes.
     *
     * @param image the image to encode; not null
     * @return the PNG file's bytes
     * @throws org.xai4j.core.XaiException if the image is null or ImageIO has no PNG writer for its type
     * @throws java.io.UncheckedIOException if encoding fails
     */
    public static byte[] bytes(BufferedImage image) {
        Pixels.requireImage(image, "image");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new XaiException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the image to {@code file} as PNG, creating parent folders; atomically (no partial file on failure).
     *
     * @param image the image to encode; not null
     * @param file  where to write; replaced if it exists
     * @return the file written
     * @throws org.xai4j.core.XaiException if the image is null, cannot be encoded, or the file cannot be written
     */
    public static Path write(BufferedImage image, Path file) {
        return org.xai4j.core.util.OutputFiles.write(file, bytes(image));
    }

    /**
     * Reads a PNG (or any format ImageIO knows).
     *
     * @param file the image file
     * @return the decoded image, in the type ImageIO chose
     * @throws org.xai4j.core.XaiException if no ImageIO reader recognises the file
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new XaiException("not an image ImageIO can read: " + file);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * {@code data:image/png;base64,…} for embedding in HTML.
     *
     * @param image the image to encode; not null
     * @return the image's PNG bytes as a base64 {@code data:} URI
     * @throws org.xai4j.core.XaiException if the image is null or cannot be encoded
     */
    public static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image));
    }
}
