package org.xai4j.viz.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.viz.image.Png;

/** The documentation gallery runs end to end and writes every picture and the report. */
class GalleryTest {
    @Test
    void writesEveryPictureAndTheReport(@TempDir Path dir) throws Exception {
        Map<String, Path> files = Gallery.write(dir);
        assertThat(files).hasSize(13);
        for (Map.Entry<String, Path> e : files.entrySet()) {
            assertThat(e.getValue()).exists();
            if (e.getValue().toString().endsWith(".png")) {
                BufferedImage img = Png.read(e.getValue());
                assertThat(img.getWidth()).as(e.getKey()).isGreaterThan(100);
                assertThat(Files.size(e.getValue())).as(e.getKey()).isLessThan(300_000);
            }
        }
        String html = Files.readString(files.get("report"));
        assertThat(html).contains("sample 3 &lt;script&gt;").doesNotContain("<script");
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(1 + 3 + 3 * 5 + 3);
    }
}
