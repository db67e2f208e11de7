package org.xai4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM restates the third-party versions the parent pins for the build (a BOM cannot inherit them: consumers
 * import it without the parent). Each such version must equal the parent's, so that a consumer gets exactly the
 * versions the tests ran with.
 */
class BomVersionsTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Pattern PROPERTY = Pattern.compile("<([A-Za-z0-9.-]+\\.version)>([^<]+)</\\1>");

    static Map<String, String> versionProperties(Path pom) throws Exception {
        String xml = Files.readString(pom);
        String properties = xml.substring(xml.indexOf("<properties>"), xml.indexOf("</properties>"));
        Map<String, String> found = new TreeMap<>();
        Matcher m = PROPERTY.matcher(properties);
        while (m.find()) {
            found.put(m.group(1), m.group(2).trim());
        }
        return found;
    }

    @Test
    void everyVersionTheBomPinsEqualsTheParents() throws Exception {
        Map<String, String> parent = versionProperties(ROOT.resolve("pom.xml"));
        Map<String, String> bom = versionProperties(ROOT.resolve("xai-bom/pom.xml"));
        assertThat(bom).as("the BOM pins third-party versions").containsKeys("nd4j.version", "slf4j.version",
                "commons-math3.version");
        for (Map.Entry<String, String> e : bom.entrySet()) {
            assertThat(parent).as("the parent pom defines %s", e.getKey()).containsKey(e.getKey());
            assertThat(e.getValue()).as("%s in xai-bom/pom.xml vs pom.xml", e.getKey())
                    .isEqualTo(parent.get(e.getKey()));
        }
    }
}
