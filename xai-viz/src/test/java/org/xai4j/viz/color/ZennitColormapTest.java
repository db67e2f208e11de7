package org.xai4j.viz.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.core.util.Json;
import org.xai4j.viz.Reference;

/** {@link Colormap#COLDNHOT} against zennit 0.5.1's own evaluation (src/test/python/gen_zennit_cmap.py). */
class ZennitColormapTest {
    @Test
    @SuppressWarnings("unchecked")
    void coldnhotEqualsZennitsMap() throws IOException {
        Map<String, Object> ref;
        try (InputStream in = getClass().getResourceAsStream("/org/xai4j/viz/zennit-coldnhot.json")) {
            ref = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        double[] t = Reference.doubles(ref.get("t"));
        List<Object> rgb = (List<Object>) ref.get("rgb");
        assertThat(t).hasSize(293);
        for (int i = 0; i < t.length; i++) {
            double[] expected = Reference.doubles(rgb.get(i));
            double[] actual = Colormap.COLDNHOT.rgb(t[i]);
            for (int c = 0; c < 3; c++) {
                assertThat(actual[c]).as("t=%s channel %d", t[i], c).isCloseTo(expected[c], within(1e-12));
            }
        }
        assertThat(Colormap.COLDNHOT.diverging()).isTrue();
        assertThat(Colormap.byName("coldnhot")).isEqualTo(Colormap.COLDNHOT);
    }
}
