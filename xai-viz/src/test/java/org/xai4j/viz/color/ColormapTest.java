package org.xai4j.viz.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.viz.Reference;

class ColormapTest {

    private static String hex(Colormap m, double t) {
        return String.format("#%06x", m.argb(t) & 0xFFFFFF);
    }

    @Test
    void viridisEndpointsAndMidpointAreThePublishedColours() {
        assertThat(hex(Colormap.VIRIDIS, 0.0)).isEqualTo("#440154");
        assertThat(hex(Colormap.VIRIDIS, 1.0)).isEqualTo("#fde725");
        // Entry 128 of 256, matplotlib's viridis(0.5).
        assertThat(hex(Colormap.VIRIDIS, 128 / 255.0)).isEqualTo("#21918c");
        // Exactly half-way we interpolate entries 127 and 128: one unit of green below entry 128.
        assertThat(hex(Colormap.VIRIDIS, 0.5)).isEqualTo("#21908c");
    }

    @Test
    void segmentMapsEndpointsAndCentres() {
        assertThat(hex(Colormap.JET, 0)).isEqualTo("#000080");   // (0, 0, 0.5)
        assertThat(hex(Colormap.JET, 1)).isEqualTo("#800000");   // (0.5, 0, 0)
        assertThat(hex(Colormap.JET, 0.5)).isEqualTo("#7bff7b"); // r = 0.15/0.31 = 0.484 → 123, g = 1, b = 1 − 0.16/0.31 = 0.484
        assertThat(hex(Colormap.BWR, 0)).isEqualTo("#0000ff");
        assertThat(hex(Colormap.BWR, 0.5)).isEqualTo("#ffffff");
        assertThat(hex(Colormap.BWR, 1)).isEqualTo("#ff0000");
        assertThat(hex(Colormap.SEISMIC, 0)).isEqualTo("#00004d");  // (0, 0, 0.3)
        assertThat(hex(Colormap.SEISMIC, 0.25)).isEqualTo("#0000ff");
        assertThat(hex(Colormap.SEISMIC, 0.5)).isEqualTo("#ffffff");
        assertThat(hex(Colormap.SEISMIC, 1)).isEqualTo("#800000");
        assertThat(hex(Colormap.GREY, 0)).isEqualTo("#000000");
        assertThat(hex(Colormap.GREY, 0.5)).isEqualTo("#808080");
        assertThat(hex(Colormap.GREY, 1)).isEqualTo("#ffffff");
        assertThat(Colormap.BWR.diverging()).isTrue();
        assertThat(Colormap.VIRIDIS.diverging()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void equalsMatplotlibLookupTablesAtTheirNodes() {
        Map<String, Object> maps = Reference.section("colormaps");
        for (Colormap m : Colormap.values()) {
            if (m == Colormap.COLDNHOT) {
                continue; // zennit's map, not matplotlib's: ZennitColormapTest
            }
            String name = m == Colormap.GREY ? "gray" : m.id();
            List<Object> lut = (List<Object>) ((Map<String, Object>) maps.get(name)).get("lut");
            assertThat(lut).hasSize(256);
            for (int i = 0; i < 256; i++) {
                double[] expected = Reference.doubles(lut.get(i));
                double[] actual = m.rgb(i / 255.0);
                for (int c = 0; c < 3; c++) {
                    assertThat(actual[c]).as("%s entry %d channel %d", name, i, c).isCloseTo(expected[c], within(1e-6));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void segmentMapsAreContinuousBetweenNodes() {
        Map<String, Object> maps = Reference.section("colormaps");
        for (Colormap m : List.of(Colormap.JET, Colormap.BWR, Colormap.SEISMIC, Colormap.GREY)) {
            Map<String, Object> ref = (Map<String, Object>) maps.get(m == Colormap.GREY ? "gray" : m.id());
            double[] ts = Reference.doubles(ref.get("t"));
            List<Object> rgb = (List<Object>) ref.get("rgb");
            for (int k = 0; k < ts.length; k++) {
                assertThat(m.rgb(ts[k])).as("%s at %s", m, ts[k]).containsExactly(Reference.doubles(rgb.get(k)), within(1e-12));
            }
        }
    }

    @Test
    void positionsOutsideTheUnitIntervalAreClampedAndNaNRejected() {
        for (Colormap m : Colormap.values()) {
            assertThat(m.argb(-3)).isEqualTo(m.argb(0));
            assertThat(m.argb(7)).isEqualTo(m.argb(1));
            assertThat(m.argb(0.3) >>> 24).isEqualTo(0xFF);
        }
        assertThatThrownBy(() -> Colormap.JET.rgb(Double.NaN)).isInstanceOf(NonFiniteValueException.class);
    }

    @Test
    void namesResolve() {
        assertThat(Colormap.byName("gray")).isEqualTo(Colormap.GREY);
        assertThat(Colormap.byName(" Viridis ")).isEqualTo(Colormap.VIRIDIS);
        assertThatThrownBy(() -> Colormap.byName("rainbow")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("rainbow").hasMessageContaining("viridis");
    }
}
