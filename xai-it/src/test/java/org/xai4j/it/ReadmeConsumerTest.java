package org.xai4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;

/**
 * The README as a new user meets it (issue 20): its "Use it as a Maven dependency" XML block becomes the
 * dependency section of a fresh consumer project, its "Ten lines of use" snippet (imports included) becomes that
 * project's {@code main}, and the project is compiled by Maven against this build's modules and BOM, then run on
 * the demo's committed model and images. Both blocks are read from {@code README.md} itself, so the README cannot
 * drift from what builds.
 *
 * <p>The modules are "installed" into a fresh local repository by packing their compiled classes and POMs (this
 * runs in the {@code test} phase, before any jar exists); every other artifact comes from this build's own local
 * repository, used as a {@code file:} mirror, so the test needs no network.
 */
class ReadmeConsumerTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String VERSION = System.getProperty("xai.it.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path work;

    @Test
    void theReadmesMavenBlockAndSnippetBuildAndRunInAFreshProject() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String xml = block(readme, "## Use it as a Maven dependency", "xml");
        String snippet = block(readme, "## Ten lines of use", "java");

        Path repo = work.resolve("repo");
        installReactor(repo);
        Path project = work.resolve("consumer");
        writeProject(project, xml, snippet);
        provideFilesTheSnippetReads(project, snippet);

        Path settings = work.resolve("settings.xml");
        String mirror = Path.of(System.getProperty("xai.it.localRepository",
                System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
        Files.writeString(settings, "<settings><mirrors><mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>"
                + mirror + "</url></mirror></mirrors></settings>\n");
        long t0 = System.nanoTime();
        Run build = run(project, 600, "mvn", "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repo,
                "compile", "org.apache.maven.plugins:maven-dependency-plugin:3.7.1:build-classpath",
                "-Dmdep.outputFile=cp.txt");
        assertThat(build.code()).as("the consumer project builds:\n" + build.output() + "\nxai4j artifacts given: "
                + listing(repo.resolve("org/xai4j"))).isZero();

        long t1 = System.nanoTime();
        String cp = project.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(project.resolve("cp.txt")).trim();
        Run main = run(project, 300, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-cp", cp,
                "Readme");
        System.out.printf("README consumer: build %.1f s, run %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        assertThat(main.code()).as("the snippet runs:\n" + main.output()).isZero();
        assertThat(main.output()).as("it prints the provenance as JSON").contains("\"method\"").contains("\"seed\"");
    }

    /** The first fenced block of {@code language} after {@code heading}. */
    static String block(String readme, String heading, String language) {
        int at = readme.indexOf(heading);
        assertThat(at).as("README has a section '" + heading + "'").isNotNegative();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(at)).as("a ```" + language + " block under '" + heading + "'").isTrue();
        return m.group(1);
    }

    /** Packs every module's compiled classes and POM into {@code repo} in Maven's layout (what install would do). */
    static void installReactor(Path repo) throws IOException {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        put(repo, "xai4j-parent", "pom", ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        while (m.find()) {
            String module = m.group(1);
            Path dir = ROOT.resolve(module);
            String pom = Files.readString(dir.resolve("pom.xml"));
            Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>")
                    .matcher(pom.replaceFirst("(?s)<parent>.*?</parent>", ""));
            String artifactId = id.find() ? id.group(1) : module;
            put(repo, artifactId, "pom", dir.resolve("pom.xml"));
            Path classes = dir.resolve("target/classes");
            if (!pom.contains("<packaging>pom</packaging>") && Files.isDirectory(classes)) {
                Path jar = Files.createTempFile(repo.getParent(), artifactId, ".jar");
                jar(classes, jar);
                put(repo, artifactId, "jar", jar);
            }
        }
    }

    private static void put(Path repo, String artifactId, String extension, Path file) throws IOException {
        Path dir = repo.resolve("org/xai4j").resolve(artifactId).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifactId + "-" + VERSION + "." + extension), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** A plain consumer project: the README's XML inside a minimal POM, the snippet inside {@code main}. */
    static void writeProject(Path project, String xml, String snippet) throws IOException {
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>readme-consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                %s
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(xml);
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("pom.xml"), pom);
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = String.join("\n", imports) + "\n\npublic class Readme {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";
        Files.writeString(project.resolve("src/main/java/Readme.java"), source);
    }

    /**
     * The demo's committed model and four of its test images (all 256 would make this test minutes long) under the
     * file names the snippet opens.
     */
    static void provideFilesTheSnippetReads(Path project, String snippet) throws IOException {
        Path demo = ROOT.resolve("xai-cli/src/main/resources/org/xai4j/cli/demo");
        Matcher m = Pattern.compile("Path\\.of\\(\"([^\"]+)\"\\)").matcher(snippet);
        while (m.find()) {
            String name = m.group(1);
            Path target = project.resolve(name);
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (name.endsWith(".onnx")) {
                Files.copy(demo.resolve("fashion-cnn.onnx"), target, StandardCopyOption.REPLACE_EXISTING);
            } else if (name.endsWith(".npy")) {
                INDArray all = Npy.read(demo.resolve("fashion-test-images.npy"));
                Npy.write(Batching.rows(all, 0, 4).dup(), target);
            } else {
                throw new AssertionError("the test does not know what to give the snippet for " + name);
            }
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    record Run(int code, String output) {
    }

    static Run run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir.getParent(), "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out after " + seconds + " s\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
