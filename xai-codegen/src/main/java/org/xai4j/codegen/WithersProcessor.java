package org.xai4j.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes the {@code with…} copies of every record marked {@code @org.xai4j.core.Withers}: for a record
 * {@code FooConfig}, the interface {@code FooConfigWithers} in the same package with one
 * {@code default FooConfig withX(T x)} per component {@code T x}, each calling the canonical constructor with the
 * other components read through their accessors (so the compact constructor's checks run on every copy). An
 * array component of a reifiable type is taken as varargs.
 *
 * <p>The annotation is matched by its name, so this module needs nothing from {@code xai-core}. The interface
 * extends each interface the record implements that declares an abstract {@code withX} taking a component's type
 * (the shared {@code WithBatch}, {@code WithSeed}, ...), so its default is the method the record inherits. A
 * component for which the record declares its own {@code withX} with the component's type gets no default.
 *
 * <p>The processor takes part in every compilation it is on the path of (supported types {@code *}) and claims
 * the annotations it sees, so that {@code -Xlint:processing} does not warn that nothing claimed {@code @Override}
 * or {@code @Help}; a module that needs a second annotation processor should list both in the compiler's
 * {@code annotationProcessorPaths}, this one last.
 */
public final class WithersProcessor extends AbstractProcessor {
    /** The qualified name of the annotation that asks for the copies. */
    public static final String ANNOTATION = "org.xai4j.core.Withers";
    /** What is appended to the record's simple name to name the generated interface. */
    public static final String SUFFIX = "Withers";
    /** The qualified name of the annotation whose text, when a component has it, documents the copy's parameter. */
    public static final String HELP = "org.xai4j.core.Help";

    /** A processor for the compiler's service loader. */
    public WithersProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (annotation.getQualifiedName().contentEquals(ANNOTATION)) {
                for (Element e : round.getElementsAnnotatedWith(annotation)) {
                    generate(e);
                }
            }
        }
        return true;
    }

    private void generate(Element e) {
        if (e.getKind() != ElementKind.RECORD) {
            error(e, "@Withers marks settings records only, but " + e.getSimpleName() + " is a " + e.getKind());
            return;
        }
        TypeElement record = (TypeElement) e;
        if (record.getNestingKind() != NestingKind.TOP_LEVEL || !record.getTypeParameters().isEmpty()) {
            error(e, "@Withers needs a top-level record without type parameters; " + e.getSimpleName() + " is not");
            return;
        }
        String name = record.getSimpleName() + SUFFIX;
        if (!listsInterface(record, name)) {
            error(e, record.getSimpleName() + " must list " + name + " in its implements clause to get its copies");
            return;
        }
        List<WithersSource.Copy> copies = new ArrayList<>();
        for (RecordComponentElement c : record.getRecordComponents()) {
            if (!declaresOwnWither(record, c)) {
                copies.add(new WithersSource.Copy(c.getSimpleName().toString(), parameterType(c.asType()), help(c)));
            }
        }
        List<String> components = record.getRecordComponents().stream()
                .map(c -> c.getSimpleName().toString()).toList();
        String pkg = processingEnv.getElementUtils().getPackageOf(record).getQualifiedName().toString();
        boolean isPublic = record.getModifiers().contains(Modifier.PUBLIC);
        String text = new WithersSource(pkg, record.getSimpleName().toString(), isPublic,
                superinterfaces(record, copies), components, copies).text();
        String qualified = pkg.isEmpty() ? name : pkg + "." + name;
        try (Writer w = processingEnv.getFiler().createSourceFile(qualified, record).openWriter()) {
            w.write(text);
        } catch (IOException ex) {
            error(e, "cannot write " + qualified + ": " + ex.getMessage());
        }
    }

    /** Whether the implements clause names the interface (unresolved in the first round: it is written here). */
    private static boolean listsInterface(TypeElement record, String name) {
        for (TypeMirror t : record.getInterfaces()) {
            String s = t.toString();
            if (s.equals(name) || s.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaresOwnWither(TypeElement record, RecordComponentElement c) {
        for (ExecutableElement m : ElementFilter.methodsIn(record.getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(WithersSource.witherName(c.getSimpleName().toString()))
                    && takesOnly(m, c.asType())) {
                return true;
            }
        }
        return false;
    }

    private boolean takesOnly(ExecutableElement m, TypeMirror type) {
        var types = processingEnv.getTypeUtils();
        return m.getParameters().size() == 1
                && types.isSameType(types.erasure(m.getParameters().get(0).asType()), types.erasure(type));
    }

    /** The record's interfaces that declare an abstract wither which one of the copies implements. */
    private List<String> superinterfaces(TypeElement record, List<WithersSource.Copy> copies) {
        List<String> out = new ArrayList<>();
        for (TypeMirror t : record.getInterfaces()) {
            if (t.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement iface = (TypeElement) ((DeclaredType) t).asElement();
            if (declaresAnyOf(iface, record, copies)) {
                out.add(t.toString());
            }
        }
        return out;
    }

    private boolean declaresAnyOf(TypeElement iface, TypeElement record, List<WithersSource.Copy> copies) {
        var members = ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(iface));
        for (ExecutableElement m : members) {
            if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
                continue;
            }
            for (RecordComponentElement c : record.getRecordComponents()) {
                String wither = WithersSource.witherName(c.getSimpleName().toString());
                boolean generated = copies.stream().anyMatch(k -> k.name().contentEquals(c.getSimpleName()));
                if (generated && m.getSimpleName().contentEquals(wither) && takesOnly(m, c.asType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type as a parameter: an array of a reifiable type as varargs ({@code withWindow(3, 3)}). */
    private static String parameterType(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            TypeMirror element = ((ArrayType) type).getComponentType();
            boolean reifiable = element.getKind().isPrimitive() || element.getKind() == TypeKind.DECLARED
                    && ((DeclaredType) element).getTypeArguments().isEmpty();
            if (reifiable) {
                return element + "...";
            }
        }
        return type.toString();
    }

    /** The component's {@code @org.xai4j.core.Help} text, or null. */
    private static String help(RecordComponentElement c) {
        for (AnnotationMirror a : c.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(HELP)) {
                for (var v : a.getElementValues().entrySet()) {
                    if (v.getKey().getSimpleName().contentEquals("value")) {
                        return String.valueOf(v.getValue().getValue());
                    }
                }
            }
        }
        return null;
    }

    private void error(Element e, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
    }
}
