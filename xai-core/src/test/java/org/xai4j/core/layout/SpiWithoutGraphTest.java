package org.xai4j.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xai4j.core.Explainer;

/**
 * The layout issue 14 asks for: xai-core's SPI (every package but {@code org.xai4j.core.graph} and below) does
 * not need the explanation graph, so the graph engine is a package tree on top of the SPI that a user of the SPI
 * alone never loads. Checked on the compiled classes: a class that names another class holds its internal
 * name ({@code org/xai4j/core/graph/...}) in its constant pool, so a reference cannot hide.
 */
class SpiWithoutGraphTest {
    private static final String GRAPH = "org/xai4j/core/graph/";

    private static Path classesRoot() throws URISyntaxException {
        Path explainer = Path.of(Explainer.class.getResource("Explainer.class").toURI());
        return explainer.getParent().getParent().getParent().getParent(); // .../org/xai4j/core/Explainer.class
    }

    @Test
    void noSpiClassNamesAGraphClass() throws Exception {
        Path root = classesRoot();
        List<Path> spi;
        try (Stream<Path> files = Files.walk(root.resolve("org/xai4j/core"))) {
            spi = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !root.relativize(f).toString().replace('\\', '/').startsWith(GRAPH))
                    .toList();
        }
        assertThat(spi).as("the SPI's classes were found").hasSizeGreaterThan(40);
        List<String> offenders = spi.stream().filter(SpiWithoutGraphTest::namesTheGraph)
                .map(f -> root.relativize(f).toString()).toList();
        assertThat(offenders).as("SPI classes that name a class of org.xai4j.core.graph").isEmpty();
    }

    @Test
    void theCheckSeesAReferenceWhereThereIsOne() throws Exception {
        // the graph's own classes name each other: the byte search finds them
        Path graph = classesRoot().resolve(GRAPH + "Graph.class");
        assertThat(namesTheGraph(graph.resolveSibling("Execution.class"))).isTrue();
    }

    private static boolean namesTheGraph(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(GRAPH);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
