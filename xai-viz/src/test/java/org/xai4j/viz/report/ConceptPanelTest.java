package org.xai4j.viz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;

class ConceptPanelTest {
    @Test
    void heatmapIsZennitsColdnhotSymmetricAboutZero() {
        BufferedImage h = ConceptPanel.heatmap(ScalarMap.of(new double[][] {{-2, 0}, {1, 2}}));
        assertThat(h.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00FFFF); // −max → cyan
        assertThat(h.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF); // +max → white
        // zero → position 0.5, just below zennit's black node at 128/255: blue 0.0078 → 2
        assertThat(h.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x000002);
    }

    @Test
    void panelHasOneRowPerConceptAndGoesIntoTheReport() {
        BufferedImage input = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ScalarMap m = ScalarMap.of(new double[][] {{1, -1, 0, 0}, {0, 2, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, -3}});
        BufferedImage ref = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ReportSection s = ConceptPanel.figure("CRP: /layer3/conv2", input, List.of(
                new ConceptPanel.Concept("channel 3", 0.42, m, List.of(ref, ref)),
                new ConceptPanel.Concept("channel 7", -0.1, m, List.of(ref))), "top channels");
        assertThat(s).isInstanceOf(ReportSection.Figure.class);
        BufferedImage img = ((ReportSection.Figure) s).image();
        assertThat(img.getWidth()).isGreaterThan(img.getHeight()); // 4 columns, 2 rows
        String html = HtmlReport.builder("crp").section(s).build().toHtml();
        assertThat(html).contains("CRP: /layer3/conv2").contains("top channels");
        assertThatThrownBy(() -> ConceptPanel.figure("x", input, List.of(), null)).isInstanceOf(InvalidConfigException.class);
    }
}
