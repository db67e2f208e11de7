package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.core.OutputConflictException;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesWholeFiles() throws IOException {
        Path f = dir.resolve("a/b/out.txt");
        OutputFiles.write(f, "first".getBytes(StandardCharsets.UTF_8));
        OutputFiles.write(f, "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThat(listing(f.getParent())).containsExactly("out.txt");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> OutputFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("keep.txt").hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(listing(dir)).containsExactly("keep.txt");
    }

    @Test
    void aFailedFirstWriteLeavesNothing() throws IOException {
        Path f = dir.resolve("new.txt");
        assertThatThrownBy(() -> OutputFiles.write(f, out -> {
            throw new IOException("interrupted");
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void aFolderIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("maps"));
        assertThatThrownBy(() -> OutputFiles.write(folder, new byte[] {1}))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is a folder");
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    @Test
    void reasonsAreWordsNotJustThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> OutputFiles.write(file.resolve("under/out.npy"), new byte[] {1}))
                .isInstanceOf(UncheckedIOException.class).hasMessageEndingWith(": not a directory");
    }

    @Test
    void theSameFileIsRecognisedHoweverItIsSpelled() throws IOException {
        Path in = Files.writeString(dir.resolve("x.npy"), "data");
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), in);
        for (Path spelled : new Path[] {in, dir.resolve("sub/../x.npy"), link}) {
            assertThatThrownBy(() -> OutputFiles.requireNotInput(spelled, "--out", Map.of("--input", in)))
                    .isInstanceOf(OutputConflictException.class)
                    .hasMessageContaining("--out").hasMessageContaining("--input").hasMessageContaining("x.npy");
        }
        OutputFiles.requireNotInput(dir.resolve("y.npy"), "--out", Map.of("--input", in));
        OutputFiles.requireNotInput(dir.resolve("missing/x.npy"), "--out", Map.of("--input", in));
        assertThat(Files.readString(in)).isEqualTo("data");
    }

    private static java.util.List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
