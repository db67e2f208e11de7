package org.xai4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small records with the processor (the annotations and a shared {@code WithSeed} are stand-ins with the
 * real qualified names) and checks what the generated copies do.
 */
class WithersProcessorTest {
    static final String WITHERS = "package org.xai4j.core;\n"
            + "/** Stand-in. */ public @interface Withers { }\n";
    static final String HELP = "package org.xai4j.core;\n"
            + "/** Stand-in. */ @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)\n"
            + "public @interface Help { /** @return text */ String value(); }\n";
    static final String WITH_SEED = "package org.xai4j.core;\n"
            + "/** Stand-in. */ public interface WithSeed {\n"
            + "  /** @return the seed */ long seed();\n"
            + "  /**\n   * A copy.\n   * @param seed a seed\n   * @return a copy\n   */\n"
            + "  WithSeed withSeed(long seed);\n"
            + "}\n";
    static final String POINT = "package p;\n"
            + "import org.xai4j.core.Help;\n"
            + "import org.xai4j.core.WithSeed;\n"
            + "import org.xai4j.core.Withers;\n"
            + "/** A settings record.\n"
            + " * @param x a count\n * @param labels names\n * @param seed a seed */\n"
            + "@Withers\n"
            + "public record Point(@Help(\"how many <points> & {@code x*/y} at @most\") int x,\n"
            + "        java.util.List<String> labels, long seed) implements WithSeed, PointWithers {\n"
            + "    /**\n     * Checks.\n     * @param x a count\n"
            + "     * @param labels names\n     * @param seed a seed\n     */\n"
            + "    public Point {\n"
            + "        if (x < 0) { throw new IllegalArgumentException(\"x must be at least 0 but was \" + x); }\n"
            + "        labels = java.util.List.copyOf(labels);\n"
            + "    }\n"
            + "}\n";

    @TempDir
    Path dir;

    @Test
    void eachCopyReplacesOneComponentAndKeepsTheOthers() throws Throwable {
        ClassLoader loader = compile(Map.of("p/Point.java", POINT));
        Class<?> point = loader.loadClass("p.Point");
        Object p = point.getConstructors()[0].newInstance(3, List.of("a"), 7L);

        Object x = call(p, "withX", int.class, 5);
        assertThat(x.toString()).isEqualTo("Point[x=5, labels=[a], seed=7]");
        Object labels = call(p, "withLabels", List.class, List.of("b", "c"));
        assertThat(labels.toString()).isEqualTo("Point[x=3, labels=[b, c], seed=7]");
        Object seed = call(p, "withSeed", long.class, 11L);
        assertThat(seed.toString()).isEqualTo("Point[x=3, labels=[a], seed=11]");
        assertThat(p.toString()).as("the original is unchanged").isEqualTo("Point[x=3, labels=[a], seed=7]");
        // every copy is of the record's own type, also the one the shared interface declares
        for (String name : List.of("withX", "withLabels", "withSeed")) {
            Method m = Arrays.stream(point.getMethods()).filter(k -> k.getName().equals(name)
                    && k.getReturnType() == point).findFirst().orElseThrow();
            assertThat(m.getDeclaringClass().getSimpleName()).isEqualTo("PointWithers");
        }
        assertThat(loader.loadClass("p.PointWithers").getInterfaces()).extracting(Class::getName)
                .containsExactly("org.xai4j.core.WithSeed");
        Object shared = loader.loadClass("org.xai4j.core.WithSeed").getMethod("withSeed", long.class)
                .invoke(p, 4L);
        assertThat(shared.toString()).isEqualTo("Point[x=3, labels=[a], seed=4]");
    }

    @Test
    void theCompactConstructorChecksEveryCopy() throws Throwable {
        ClassLoader loader = compile(Map.of("p/Point.java", POINT));
        Object p = loader.loadClass("p.Point").getConstructors()[0].newInstance(3, List.of("a"), 7L);
        assertThatThrownBy(() -> call(p, "withX", int.class, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x must be at least 0 but was -1");
        List<String> mutable = new ArrayList<>(List.of("q"));
        Object copy = call(p, "withLabels", List.class, mutable);
        mutable.add("r");
        assertThat(copy.toString()).as("the constructor's defensive copy").isEqualTo("Point[x=3, labels=[q], seed=7]");
    }

    @Test
    void theGeneratedJavadocPassesDoclintAndEscapesTheHelpText() throws Throwable {
        compile(Map.of("p/Point.java", POINT)); // -Xdoclint:all -Werror: a warning fails the compilation
        String text = Files.readString(dir.resolve("out/p/PointWithers.java"));
        assertThat(text).contains("@param x the new value: how many &lt;points&gt; &amp; &#123;&#64;code x*&#47;y&#125;"
                + " at &#64;most");
        assertThat(text).contains("@param labels the new value\n");
    }

    @Test
    void aHandWrittenWitherWithTheComponentsTypeStays() throws Throwable {
        String own = POINT.substring(0, POINT.lastIndexOf('}'))
                + "    /**\n     * {@return a copy with twice x}\n     * @param x half the new value\n     */\n"
                + "    public Point withX(int x) { return new Point(2 * x, labels, seed); }\n"
                + "    /**\n     * {@return a copy with one label}\n     * @param label the label\n     */\n"
                + "    public Point withLabels(String label) { return new Point(x, java.util.List.of(label), seed); }\n"
                + "}\n";
        ClassLoader loader = compile(Map.of("p/Point.java", own));
        Object p = loader.loadClass("p.Point").getConstructors()[0].newInstance(3, List.of("a"), 7L);
        assertThat(call(p, "withX", int.class, 5).toString()).isEqualTo("Point[x=10, labels=[a], seed=7]");
        assertThat(call(p, "withLabels", String.class, "z").toString()).isEqualTo("Point[x=3, labels=[z], seed=7]");
        assertThat(call(p, "withLabels", List.class, List.of("y")).toString())
                .isEqualTo("Point[x=3, labels=[y], seed=7]");
        assertThat(Arrays.stream(loader.loadClass("p.PointWithers").getMethods()).map(Method::getName))
                .doesNotContain("withX").contains("withLabels", "withSeed");
    }

    @Test
    void anArrayComponentIsTakenAsVarargs() throws Throwable {
        String grid = "package p;\n/** A grid.\n * @param window sides\n * @param names names */\n"
                + "@org.xai4j.core.Withers\n"
                + "public record Grid(int[] window, java.util.List<String>[] names) implements GridWithers { }\n";
        Class<?> type = compile(Map.of("p/Grid.java", grid)).loadClass("p.Grid");
        Object g = type.getConstructors()[0].newInstance(new int[] {1}, null);
        Method window = type.getMethod("withWindow", int[].class);
        assertThat(window.isVarArgs()).isTrue();
        assertThat((int[]) type.getMethod("window").invoke(window.invoke(g, (Object) new int[] {3, 3})))
                .containsExactly(3, 3);
        assertThat(type.getMethod("withNames", List[].class).isVarArgs()).as("not reifiable: an array").isFalse();
    }

    @Test
    void aRecordThatDoesNotListTheInterfaceIsRefusedByName() throws Throwable {
        String forgot = POINT.replace(", PointWithers", "");
        assertThatThrownBy(() -> compile(Map.of("p/Point.java", forgot)))
                .hasMessageContaining("Point must list PointWithers in its implements clause");
    }

    @Test
    void aClassIsRefused() throws Throwable {
        String cls = "package p;\n@org.xai4j.core.Withers\npublic final class C { }\n";
        assertThatThrownBy(() -> compile(Map.of("p/C.java", cls)))
                .hasMessageContaining("@Withers marks settings records only, but C is a CLASS");
    }

    @Test
    void escapingLeavesPlainTextAlone() {
        String plain = "rows per model call (N×C×H×W), 2·features + 1";
        assertThat(WithersSource.escape(plain)).isEqualTo(plain);
        assertThat(WithersSource.witherName("maxPool")).isEqualTo("withMaxPool");
    }

    private static Object call(Object target, String name, Class<?> type, Object arg) throws Throwable {
        try {
            return target.getClass().getMethod(name, type).invoke(target, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Compiles the stand-ins and {@code sources} with the processor, -Xlint:all, doclint and -Werror. */
    private ClassLoader compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<String> files = new ArrayList<>();
        Map<String, String> all = new java.util.TreeMap<>(sources);
        all.put("org/xai4j/core/Withers.java", WITHERS);
        all.put("org/xai4j/core/Help.java", HELP);
        all.put("org/xai4j/core/WithSeed.java", WITH_SEED);
        for (var e : all.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        var fm = javac.getStandardFileManager(null, null, null);
        List<String> options = List.of("--release", "17", "-Xlint:all", "-Xdoclint:all/protected", "-Werror",
                "-d", out.toString(), "-s", out.toString(), "-encoding", "UTF-8");
        var task = javac.getTask(log, fm, null, options, null, fm.getJavaFileObjectsFromStrings(files));
        task.setProcessors(List.of(new WithersProcessor()));
        if (!task.call()) {
            throw new IllegalStateException("compilation failed:\n" + log);
        }
        assertThat(log.toString()).as("no warnings").isEmpty();
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
    }
}
