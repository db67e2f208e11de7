package org.xai4j.codegen;

import java.util.List;

/**
 * The text of one generated {@code ...Withers} interface.
 *
 * @param pkg the record's package; empty for the unnamed package
 * @param record the record's simple name
 * @param isPublic whether the record, and so the interface, is public
 * @param superinterfaces the interfaces the generated one extends, as source text
 * @param components every component's name, in header order (the canonical constructor's arguments)
 * @param copies the components that get a copy method
 */
record WithersSource(String pkg, String record, boolean isPublic, List<String> superinterfaces,
        List<String> components, List<Copy> copies) {
    /**
     * One copy method.
     *
     * @param name the component's name
     * @param type the component's type as source text
     * @param help the component's help text; null if it has none
     */
    record Copy(String name, String type, String help) {
    }

    /**
     * The copy method's name for a component: {@code with} and the name with its first letter in upper case.
     *
     * @param component a component's name
     * @return {@code withX} for component {@code x}
     */
    static String witherName(String component) {
        return "with" + Character.toUpperCase(component.charAt(0)) + component.substring(1);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        if (!pkg.isEmpty()) {
            b.append("package ").append(pkg).append(";\n\n");
        }
        b.append("/**\n");
        b.append(" * The {@code with...} copies of {@link ").append(record).append("}, one per component,\n");
        b.append(" * written at build time from the record's header (see {@code @org.xai4j.core.Withers});\n");
        b.append(" * do not edit. Each copy calls the canonical constructor with the other components\n");
        b.append(" * unchanged, so the record's checks run on every copy.\n");
        b.append(" */\n");
        b.append("@javax.annotation.processing.Generated(\"").append(WithersProcessor.class.getName()).append("\")\n");
        b.append(isPublic ? "public " : "").append("interface ").append(record).append(WithersProcessor.SUFFIX);
        if (!superinterfaces.isEmpty()) {
            b.append(" extends\n        ").append(String.join(",\n        ", superinterfaces));
        }
        b.append(" {\n");
        String self = local();
        for (Copy c : copies) {
            b.append("    /**\n");
            b.append("     * {@return a copy of these settings with {@code ").append(c.name())
                    .append("} replaced, the others unchanged}\n");
            b.append("     *\n");
            b.append("     * @param ").append(c.name()).append(" the new value");
            if (c.help() != null) {
                b.append(": ").append(escape(c.help()));
            }
            b.append("\n     */\n");
            b.append("    default ").append(record).append(' ').append(witherName(c.name())).append('(')
                    .append(c.type()).append(' ').append(c.name()).append(") {\n");
            b.append("        ").append(record).append(' ').append(self).append(" = (").append(record)
                    .append(") this;\n");
            b.append("        return new ").append(record).append('(');
            for (int i = 0; i < components.size(); i++) {
                String k = components.get(i);
                b.append(i == 0 ? "" : ",\n                ").append(k.equals(c.name()) ? k : self + "." + k + "()");
            }
            b.append(");\n");
            b.append("    }\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /** A local variable name no component uses. */
    private String local() {
        String name = "current";
        while (components.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    /** Help text made safe inside a Javadoc comment: no HTML, tags or comment end. */
    static String escape(String help) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char ch = help.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '@' -> b.append("&#64;");
                case '{' -> b.append("&#123;");
                case '}' -> b.append("&#125;");
                case '/' -> b.append(i > 0 && help.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
