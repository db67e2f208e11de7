package org.xai4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.models.io.Npy;

/**
 * {@code docs/first-hour.md} walked through (issue 20): its XML block and Java program become a fresh consumer
 * project that is built against this build's artifacts and run, and every {@code ./xai} line of its command-line
 * section is run; all read from the page, so it cannot drift. The inputs are the demo's model and four of its
 * test images as PNGs in two class folders. The clone-and-install block needs the network and is not run (the
 * artifacts are packed into a private repository as {@link ReadmeConsumerTest} does).
 */
class FirstHourPageTest {
    static final Path DEMO = ReadmeConsumerTest.ROOT.resolve("xai-cli/src/main/resources/org/xai4j/cli/demo");

    @TempDir
    Path work;

    @Test
    void everySnippetAndCommandOfThePageRuns() throws Exception {
        String page = Files.readString(ReadmeConsumerTest.ROOT.resolve("docs/first-hour.md"));
        String xml = ReadmeConsumerTest.block(page, "## 2. The dependency block", "xml");
        String program = ReadmeConsumerTest.block(page, "## 3. Twenty lines of Java", "java");
        String bash = ReadmeConsumerTest.block(page, "## 4. The same from the command line", "bash");
        assertThat(program.lines().filter(l -> !l.startsWith("import ") && !l.isBlank()).count())
                .as("the program is about twenty lines").isLessThanOrEqualTo(20);

        Path repo = work.resolve("repo");
        ReadmeConsumerTest.installReactor(repo);
        Path project = work.resolve("consumer");
        ReadmeConsumerTest.writeProject(project, xml, program);
        Files.copy(DEMO.resolve("fashion-cnn.onnx"), project.resolve("fashion-cnn.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        writeImages(project.resolve("images"));

        Path settings = work.resolve("settings.xml");
        String mirror = Path.of(System.getProperty("xai.it.localRepository",
                System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
        Files.writeString(settings, "<settings><mirrors><mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>"
                + mirror + "</url></mirror></mirrors></settings>\n");
        ReadmeConsumerTest.Run build = ReadmeConsumerTest.run(project, 600, "mvn", "-B", "-q", "-s",
                settings.toString(), "-Dmaven.repo.local=" + repo, "compile",
                "org.apache.maven.plugins:maven-dependency-plugin:3.7.1:build-classpath", "-Dmdep.outputFile=cp.txt");
        assertThat(build.code()).as("the page's project builds:\n" + build.output()).isZero();
        String cp = project.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(project.resolve("cp.txt")).trim();
        ReadmeConsumerTest.Run main = ReadmeConsumerTest.run(project, 300, javaBin(),
                "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-cp", cp, "Readme");
        assertThat(main.code()).as("the page's program runs:\n" + main.output()).isZero();
        assertThat(main.output()).contains("Grad-CAM layer: [/Relu_1]");
        for (int i = 0; i < 4; i++) {
            for (String method : List.of("ig", "gradcam")) {
                BufferedImage png = ImageIO.read(project.resolve("out/" + method + "-" + i + ".png").toFile());
                assertThat(png.getWidth()).isEqualTo(28);
                assertThat(png.getHeight()).as("the image and a colour bar").isEqualTo(28 + 4);
            }
        }

        List<String> commands = bash.lines().filter(l -> l.startsWith("./xai ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        for (String line : commands) {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Dorg.bytedeco.javacpp.maxbytes=2G",
                    "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-cp", System.getProperty("java.class.path"),
                    "org.xai4j.cli.Main"));
            cmd.addAll(List.of(line.substring("./xai ".length()).trim().split("\\s+")));
            ReadmeConsumerTest.Run r = ReadmeConsumerTest.run(project, 300, cmd.toArray(String[]::new));
            assertThat(r.code()).as(line + "\n" + r.output()).isZero();
        }
        assertThat(project.resolve("cli/scores.npy")).exists();
        assertThat(filesUnder(project.resolve("cli/ig"))).anyMatch(f -> f.endsWith(".png"));
        assertThat(filesUnder(project.resolve("cli/gradcam"))).anyMatch(f -> f.endsWith(".png"));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Four demo test images as grey PNGs, two per class folder. */
    private static void writeImages(Path root) throws Exception {
        INDArray all = Npy.read(DEMO.resolve("fashion-test-images.npy"));
        double scale = all.maxNumber().doubleValue() <= 1 ? 255 : 1;
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = (int) Math.round(Math.max(0, Math.min(255, all.getDouble(i, 0, y, x) * scale)));
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            Path f = root.resolve(i < 2 ? "class-a" : "class-b").resolve(i + ".png");
            Files.createDirectories(f.getParent());
            ImageIO.write(img, "png", f.toFile());
        }
    }

    private static List<String> filesUnder(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }
}
