package org.xai4j.core.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.xai4j.core.OutputConflictException;

/**
 * The one way xai4j writes a file: never over one of the call's inputs, and never a partial file. The content
 * goes to a hidden temporary file in the destination's folder, which then replaces the destination in one atomic
 * rename; if writing fails (or the JVM dies) the destination keeps its old content, or stays absent, and the
 * temporary file is removed where the JVM still can.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes the bytes a writer produces to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream to write to; not closed here
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code destination} atomically, creating missing parent folders.
     *
     * @param destination the file to create or replace
     * @param bytes the content
     * @return {@code destination}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Path destination, byte[] bytes) {
        return write(destination, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} produces to {@code destination} atomically, creating missing parent folders.
     *
     * @param destination the file to create or replace
     * @param content writes the content
     * @return {@code destination}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Path destination, Content content) {
        Path target = destination.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException("cannot write " + destination + ": it is a folder",
                    new java.nio.file.FileSystemException(destination.toString()));
        }
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + destination + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; the original failure is the one to report
                }
            }
        }
    }

    /**
     * Refuses {@code destination} if it is one of {@code inputs} — the same file however it is spelled
     * (relative, with {@code ..}, through a link).
     *
     * @param destination the output file
     * @param destinationName how the user named the destination (e.g. {@code --out})
     * @param inputs          how the user named each input (e.g. {@code --input}) → its path; null paths ignored
     * @throws OutputConflictException naming both
     */
    public static void requireNotInput(Path destination, String destinationName, Map<String, Path> inputs) {
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (in.getValue() != null && sameFile(destination, in.getValue())) {
                throw new OutputConflictException(destinationName + " " + destination + " is the file given as "
                        + in.getKey() + " (" + in.getValue() + "); writing there would replace it. Choose another "
                        + destinationName.replaceFirst("^(--\\S+).*", "$1") + ".");
            }
        }
    }

    /**
     * Refuses an output folder where one of the files a command will write there is one of its inputs: each of
     * {@code fileNames} inside {@code folder} is checked with {@link #requireNotInput}, named to the user as
     * {@code "<folderOption> <folder> (its <name>)"}.
     *
     * @param folder the output folder
     * @param folderOption how the user named the folder, e.g. {@code --out}
     * @param fileNames the names of the files the command will write in {@code folder}
     * @param inputs how the user named each input → its path
     * @throws OutputConflictException if {@code folder} is an existing file, or a file to be written is one of the
     *                                   inputs
     */
    public static void requireNoneIsInput(Path folder, String folderOption, java.util.Collection<String> fileNames,
                                          Map<String, Path> inputs) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new OutputConflictException(folderOption + " " + folder + " is a file, but " + folderOption
                    + " names the folder the results go in. Choose another " + folderOption + ".");
        }
        for (String name : fileNames) {
            requireNotInput(folder.resolve(name), folderOption + " " + folder + " (its " + name + ")", inputs);
        }
    }

    /**
     * Whether two paths name the same file: the same real file if both exist, else the same normalised path.
     *
     * @param a a path
     * @param b another path
     * @return true when both name the same file
     */
    public static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the spelled paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Why a write failed, in words (file-system exceptions often carry only the path as their message). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "a folder on the path does not exist";
        }
        if (e instanceof java.nio.file.NotDirectoryException || e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way where a folder should be (" + ((java.nio.file.FileSystemException) e).getFile() + ")";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
