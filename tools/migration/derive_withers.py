"""Hands a settings record's plain with... methods to the build (issue 14): marks the record @Withers, lists the
generated RecordWithers interface in its implements clause and deletes each with... method that only copies.

Usage: python3 tools/migration/derive_withers.py FILE.java...   (re-runnable: a second run changes nothing)

A method is deleted only when it is exactly what xai-codegen's processor writes: `public Rec withX(T v)` (with or
without @Override and the comment just above it) for a component `T x`, whose body is
`return new Rec(c1, ..., cn);` with the components in header order (v in place of x). Every other with... method
(overloads, conversions, several components at once) is left as it is; the processor sees it and writes no default
for that component.
"""
import re
import sys

WIDTH = 120


def split_top(text, sep=","):
    """Splits at `sep` outside brackets and string literals."""
    parts, depth, cur, i, quote = [], 0, [], 0, None
    while i < len(text):
        ch = text[i]
        if quote:
            cur.append(ch)
            if ch == "\\":
                cur.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur.append(ch)
        elif ch in "(<[{":
            depth += 1
            cur.append(ch)
        elif ch in ")>]}":
            depth -= 1
            cur.append(ch)
        elif ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return [p for p in parts if p.strip()]


def closing(text, start):
    """Index of the parenthesis that closes the one at `start`, skipping string literals."""
    depth, i, quote = 0, start, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced parentheses")


def strip_annotations(text):
    out, i = [], 0
    while i < len(text):
        m = re.compile(r"@[\w.]+").match(text, i)
        if m:
            j = m.end()
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            i = closing(text, k) + 1 if k < len(text) and text[k] == "(" else j
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def norm(t):
    return re.sub(r"\s+", " ", t).replace(" <", "<").replace("< ", "<").replace(" >", ">").strip()


def components(src, name):
    start = src.index("record " + name + "(") + len("record " + name)
    end = closing(src, start)
    out = []
    for c in split_top(src[start + 1:end]):
        c = norm(strip_annotations(c))
        m = re.match(r"(.+?)\s*(\.\.\.)?\s*(\w+)$", c)
        out.append((m.group(3), norm(m.group(1) + ("[]" if m.group(2) else ""))))
    return out, end


def migrate(path):
    src = open(path, encoding="utf-8").read()
    m = re.search(r"public record (\w+)\(", src)
    if not m:
        return False
    name = m.group(1)
    comps, header_end = components(src, name)
    names = [c for c, _ in comps]
    types = dict(comps)
    method = re.compile(r"\n[ \t]*(?:/\*\*(?:(?!\*/).)*\*/\s*)?(?:@Override\s+)?public " + name
                        + r" with(\w+)\(([^)]*)\)\s*\{\s*return new " + name + r"\(([^;]*)\);\s*\}", re.S)

    def plain(mm):
        param = norm(strip_annotations(mm.group(2))).replace("...", "[]")
        pm = re.match(r"(.+?)\s*(\w+)$", param)
        if not pm:
            return mm.group(0)
        ptype, pname = norm(pm.group(1)), pm.group(2)
        args = [a.strip() for a in split_top(mm.group(3))]
        comp = mm.group(1)[0].lower() + mm.group(1)[1:]
        expected = [pname if n == comp else n for n in names]
        if types.get(comp) == ptype and args == expected and (pname == comp or pname not in names):
            return ""
        return mm.group(0)

    body = method.sub(plain, src[header_end:])
    src = src[:header_end] + body
    withers = name + "Withers"
    if withers not in src[:src.index("{", header_end)]:
        brace = src.index("{", header_end)
        head = src[header_end:brace]
        if "implements" in head:
            head = head.rstrip() + ", " + withers + " "
        else:
            head = head.rstrip() + " implements " + withers + " "
        src = src[:header_end] + wrap(src, header_end, head) + src[brace:]
    if "\n@Withers\n" not in src:
        src = src.replace("\npublic record " + name + "(", "\n@Withers\npublic record " + name + "(", 1)
        src = add_import(src, "org.xai4j.core.Withers")
    open(path, "w", encoding="utf-8").write(src)
    return True


def wrap(src, at, head):
    """Keeps the header's last line within WIDTH: the implements clause moves to lines of its own if needed."""
    prefix = src[src.rfind("\n", 0, at) + 1:at]
    if len((prefix + head + "{").split("\n")[-1]) <= WIDTH:
        return head
    lines, cur = [], "        "
    for word in head.split():
        if len(cur) + len(word) + 3 > WIDTH and cur.strip():
            lines.append(cur.rstrip())
            cur = "        "
        cur += word + " "
    lines.append(cur)
    return "\n" + "\n".join(lines)


def add_import(src, qualified):
    line = "import " + qualified + ";"
    if line in src:
        return src
    imports = [m for m in re.finditer(r"^import (?!static)[\w.]+;$", src, re.M)]
    same = [m for m in imports if m.group(0).startswith("import org.xai4j.core.")]
    group = same or imports
    for m in group:
        if m.group(0) > line:
            return src[:m.start()] + line + "\n" + src[m.start():]
    last = group[-1]
    return src[:last.end()] + "\n" + line + src[last.end():]


if __name__ == "__main__":
    for f in sys.argv[1:]:
        if not migrate(f):
            print("no public record in", f, file=sys.stderr)
