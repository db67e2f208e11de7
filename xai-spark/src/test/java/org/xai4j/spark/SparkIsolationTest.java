package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spark stays in xai-spark: no other module's POM names Spark or xai-spark (so neither can reach their trees),
 * except the root's version list and the BOM, and xai-spark declares Spark {@code provided}.
 */
class SparkIsolationTest {
    @Test
    void noOtherModuleDependsOnSpark() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> poms = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).forEach(d -> poms.add(d.resolve("pom.xml")));
        }
        assertThat(poms.size()).as("module POMs found under %s", root).isGreaterThan(10);
        for (Path pom : poms) {
            String module = pom.getParent().getFileName().toString();
            if (module.equals("xai-spark") || module.equals("xai-bom")) {
                continue;
            }
            String text = Files.readString(pom);
            assertThat(text).as("%s names Spark", module).doesNotContain("org.apache.spark");
            assertThat(text).as("%s depends on xai-spark", module).doesNotContain("<artifactId>xai-spark</artifactId>");
        }
        String own = Files.readString(Path.of("pom.xml"));
        int spark = own.indexOf("<artifactId>spark-sql_2.13</artifactId>");
        assertThat(spark).isPositive();
        assertThat(own.substring(spark, own.indexOf("</dependency>", spark))).contains("<scope>provided</scope>");
    }
}
