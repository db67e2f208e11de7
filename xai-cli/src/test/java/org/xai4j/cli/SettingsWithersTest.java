package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xai4j.core.ExplainerConfig;

/**
 * Every settings record on the command line's class path (every library module's) has a public
 * {@code withX(T)} for each component {@code T x}, returning the record's own type: the copies {@code @Withers}
 * generates, or a hand-written one. A record that lost its annotation, or never had it, fails here.
 */
class SettingsWithersTest {
    @Test
    void everyComponentOfEverySettingsRecordHasAWitherOfTheRecordsType() throws IOException {
        List<Class<?>> records = settingsRecords();
        assertThat(records).extracting(Class::getSimpleName).as("the walk finds the records of every module")
                .contains("IntegratedGradientsConfig", "CamConfig", "OcclusionConfig", "IceConfig", "RoadConfig",
                        "DynamicsConfig", "LrpConfig", "CrpConfig", "TcavConfig", "NmfConfig")
                .hasSizeGreaterThanOrEqualTo(35);
        TreeSet<String> missing = new TreeSet<>();
        for (Class<?> r : records) {
            for (RecordComponent c : r.getRecordComponents()) {
                String name = "with" + Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
                try {
                    Method m = r.getMethod(name, c.getType());
                    if (m.getReturnType() != r || !Modifier.isPublic(m.getModifiers())) {
                        missing.add(r.getSimpleName() + "." + name + " returns " + m.getReturnType().getSimpleName());
                    }
                } catch (NoSuchMethodException e) {
                    missing.add(r.getSimpleName() + "." + name + "(" + c.getType().getSimpleName() + ")");
                }
            }
        }
        assertThat(missing).as("withers missing (is the record marked @Withers?)").isEmpty();
    }

    /** The records implementing {@link ExplainerConfig} among the org.xai4j main classes of the class path. */
    static List<Class<?>> settingsRecords() throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve("org/xai4j")) && !p.endsWith("test-classes")) {
                try (Stream<Path> files = Files.walk(p.resolve("org/xai4j"))) {
                    files.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/')).forEach(names::add);
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/xai4j/")).forEach(names::add);
                }
            }
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            if (!n.endsWith(".class")) {
                continue;
            }
            Class<?> c;
            try {
                c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false,
                        SettingsWithersTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class that needs an optional dependency this class path lacks: not a settings record
            }
            if (c.isRecord() && ExplainerConfig.class.isAssignableFrom(c) && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
