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

    /** The image as PNG bytes. */
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

    /** Writes the image to {@code file} as PNG, creating parent folders; atomically (no partial file on failure). */
    public static Path write(BufferedImage image, Path file) {
        return org.xai4j.core.util.OutputFiles.write(file, bytes(image));
    }

    /** Reads a PNG (or any format ImageIO knows). */
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

    /** {@code data:image/png;base64,…} for embedding in HTML. */
    public static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image));
    }
}
