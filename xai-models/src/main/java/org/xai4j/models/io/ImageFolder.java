package org.xai4j.models.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.xai4j.core.InvalidConfigException;

/**
 * The image files of a folder, a glob or a list, with class labels where the folder has one sub-folder per
 * class — torchvision's {@code ImageFolder} layout and order: classes are the sub-folders' names sorted, each
 * class's images are found recursively and sorted by path, and label {@code i} is the i-th class.
 *
 * @param files   the images, in order
 * @param labels  each file's class index, or an empty array where the files carry no class
 * @param classes the class names (sub-folder names), empty where there are none
 */
public record ImageFolder(List<Path> files, int[] labels, List<String> classes) {
    /** The file name endings read as images. */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /**
     * Copies {@code files}, {@code labels} and {@code classes}, so later changes to the caller's collections do not
     * reach this folder; none may be null.
     *
     * @param files the images, in order
     * @param labels each file's class index, or an empty array
     * @param classes the class names, or an empty list
     */
    public ImageFolder {
        files = List.copyOf(files);
        labels = labels.clone();
        classes = List.copyOf(classes);
    }

    /**
     * The class labels.
     *
     * @return the class index of each file, in the order of {@link #files()}; a copy, so the caller may change it;
     *     empty where the files carry no class
     */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Whether the files carry class labels.
     *
     * @return true when the folder had class sub-folders (and {@link #labels()} has one entry per file)
     */
    public boolean labelled() {
        return labels.length > 0;
    }

    /**
     * The images under {@code root}: with class sub-folders, each sub-folder a class (images directly in
     * {@code root} are then refused, as torchvision does not read them either); without, every image directly in
     * {@code root}, unlabelled.
     *
     * @param root the folder to read
     * @return the images, in torchvision's order, labelled where {@code root} has class sub-folders
     * @throws InvalidConfigException if {@code root} is not a folder, holds no image, or mixes class sub-folders with
     *     images directly in it
     */
    public static ImageFolder scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidConfigException("image folder not found: " + root);
        }
        List<Path> classFolders = list(root).stream().filter(Files::isDirectory).sorted()
                .filter(d -> !imagesUnder(d).isEmpty()).toList();
        List<Path> direct = list(root).stream().filter(ImageFolder::isImage).sorted().toList();
        List<Path> files = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (classFolders.isEmpty()) {
            files.addAll(direct);
        } else if (!direct.isEmpty()) {
            throw new InvalidConfigException("folder " + root + " has class sub-folders and also " + direct.size()
                    + " images directly in it (e.g. " + direct.get(0).getFileName() + "); put every image in its class's"
                    + " sub-folder, or give a folder with images only");
        } else {
            for (Path d : classFolders) {
                int label = classes.size();
                classes.add(d.getFileName().toString());
                for (Path p : imagesUnder(d)) {
                    files.add(p);
                    labels.add(label);
                }
            }
        }
        if (files.isEmpty()) {
            throw new InvalidConfigException("no images (" + String.join(", ", EXTENSIONS) + ") in " + root);
        }
        return new ImageFolder(files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }

    /**
     * The images matching a glob such as {@code photos/*.jpg} (relative to the working folder), sorted.
     *
     * @param pattern a glob in {@link java.nio.file.FileSystem#getPathMatcher} syntax, with {@code /} as separator
     * @return the matching images, unlabelled
     * @throws InvalidConfigException if the folder before the first wildcard does not exist or no image matches
     */
    public static ImageFolder glob(String pattern) {
        Path p = Path.of(pattern);
        Path base = p.getParent() == null ? Path.of(".") : p.getParent();
        int wild = firstWildcard(pattern);
        if (wild >= 0) {
            String head = pattern.substring(0, wild);
            int slash = head.lastIndexOf('/');
            base = slash < 0 ? Path.of(".") : Path.of(head.substring(0, slash + 1));
        }
        if (!Files.isDirectory(base)) {
            throw new InvalidConfigException("no folder " + base + " for the pattern " + pattern);
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> files;
        try (Stream<Path> s = Files.walk(base)) {
            Path b = base;
            files = s.filter(Files::isRegularFile).filter(f -> m.matches(b.equals(Path.of(".")) ? b.relativize(f) : f))
                    .filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new InvalidConfigException("no images match " + pattern);
        }
        return new ImageFolder(files, new int[0], List.of());
    }

    /**
     * Whether {@code text} has a glob wildcard ({@code *}, {@code ?}, {@code [}, <code>{</code>).
     *
     * @param text a command-line argument
     * @return true when {@code text} should be read as a glob rather than a path
     */
    public static boolean isGlob(String text) {
        return firstWildcard(text) >= 0;
    }

    private static int firstWildcard(String s) {
        int best = -1;
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Whether a path names an image file by its ending.
     *
     * @param p a path, which need not exist
     * @return true for a regular file whose name ends in one of {@link #EXTENSIONS} (in any letter case)
     */
    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
