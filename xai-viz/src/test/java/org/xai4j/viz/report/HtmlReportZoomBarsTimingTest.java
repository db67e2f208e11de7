package org.xai4j.viz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.color.Colormap;

/** Click-to-enlarge, colour bars per map kind and the warm-up note of the timing table. */
class HtmlReportZoomBarsTimingTest {
    @Test
    void everyInputAndMethodPictureSitsInAZoomToggleWithoutScript() {
        String html = HtmlReportTest.sample().toHtml();
        // the sample has 2 inputs and 3 method pictures
        assertThat(count(html, "<label class=\"zoom\"")).isEqualTo(5);
        assertThat(count(html, "<label class=\"zoom\" title=\"click to enlarge\"><input type=\"checkbox\" /><img")).isEqualTo(5);
        assertThat(html).contains("label.zoom input:checked + img { position: fixed;");
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void timingTableSaysWhetherTimesIncludeWarmUp() {
        assertThat(HtmlReportTest.sample().toHtml()).contains("includes JIT warm-up")
                .doesNotContain("after one untimed warm-up call");
        String warm = HtmlReportTest.builderWithSample().timingsWarmedUp(true).build().toHtml();
        assertThat(warm).contains("measured after one untimed warm-up call per method")
                .doesNotContain("includes JIT warm-up");
    }

    @Test
    void oneColourBarPerMapKindWithItsRange() {
        String html = HtmlReportTest.builderWithSample()
                .colorBar(new ColorBar("signed maps", Colormap.BWR, "-0.25", "0", "+0.25"))
                .colorBar(new ColorBar("CAMs", Colormap.JET, "0", null, "3.5"))
                .build().toHtml();
        Matcher m = Pattern.compile("<figure class=\"cbar\"><figcaption>([^<]*)</figcaption><img [^>]*/>"
                + "<div class=\"ends\"><span>([^<]*)</span><span>([^<]*)</span><span>([^<]*)</span>").matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)})
                .containsExactly("signed maps", "-0.25", "0", "+0.25");
        assertThat(m.find()).isTrue();
        assertThat(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)}).containsExactly("CAMs", "0", "", "3.5");
        assertThat(m.find()).isFalse();
        assertThat(HtmlReportTest.sample().toHtml()).doesNotContain("class=\"cbar\"");
    }

    @Test
    void aColourBarNeedsATitleAColormapAndEnds() {
        assertThatThrownBy(() -> new ColorBar(" ", Colormap.JET, "0", null, "1")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("title");
        assertThatThrownBy(() -> new ColorBar("x", null, "0", null, "1")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("colour bar 'x'");
        assertThatThrownBy(() -> HtmlReport.builder("t").colorBar(null)).isInstanceOf(InvalidConfigException.class);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
