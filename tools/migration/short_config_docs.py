"""Shortens the settings records (issue 14: "the *Config line count falls by at least half"): their Javadoc and layout.

Usage: python3 tools/migration/short_config_docs.py FILE.java...   (re-runnable: a second run changes nothing)

Each component of a settings record is described once, by its @Help annotation (it feeds the CLI, and javadoc
shows it in the constructor's and the accessor's signatures). This script rewrites, mechanically:
- the record's header comment: drops the @param tags of components that have @Help (doclint does not ask for them);
- the compact constructor's comment: each @param of a component with @Help becomes one line pointing to the
  component; its @throws is kept, its summary too unless it is only "Checks/Validates the settings." (doclint
  `all` requires a declared compact constructor to have its own @param tags: it does not inherit the header's);
- each plain with... method (its body is `return new Rec(c1, ..., cn);` with the components in order, its
  parameters named like components): a two-line comment ({@return ...} and one @param line, the shortest form
  doclint accepts: a block tag must start a line) and one-line bodies when those of all the file's with...
  methods fit in WIDTH characters (the environment variable WIDTH; by default always: the body only restates
  the component list), else three-line bodies;
  other with... methods keep their text, with the blank line and the @throws tags (unchecked, not required;
  the constructor's @throws says what is refused) dropped;
- the with... methods of the settings many methods share (batch, seed, baseline, layer, samples) implement
  xai-core's WithBatch, WithSeed, WithBaseline, WithLayer, WithSamples, which document them once: no comment,
  @Override;
- every comment: @throws names InvalidConfigException without its package where the file imports it; text from the opening line on, no blank lines, text and tags wrapped at 120 columns, the closing mark
  after the last line; no blank lines in the record's body;
- other members of one statement (a method's body, a constant's initialiser) on one line when it fits in 160, and
  a component whose type went to the line after its @Help back on that line when it fits in 160.
Validation code, constants, signatures and behaviour are untouched. Check the result with the doclint build.
"""
import os
import re
import sys

WIDTH = int(os.environ.get("WIDTH", "1000"))
# settings every method spells alike: (component, type) -> the xai-core interface that documents its with... once
SHARED = {('batch', 'BatchPolicy'): 'WithBatch', ('seed', 'long'): 'WithSeed', ('baseline', 'Baseline'): 'WithBaseline',
          ('layer', 'String'): 'WithLayer', ('samples', 'int'): 'WithSamples'}


def match(s, i, open_c, close_c):
    """Index of the bracket closing s[i] (== open_c), skipping comments, string and char literals."""
    d = 0
    j = i
    instr = None
    while j < len(s):
        c = s[j]
        if not instr and s.startswith('/*', j):
            j = s.index('*/', j + 2) + 2
            continue
        if not instr and s.startswith('//', j):
            j = s.find('\n', j)
            continue
        if instr:
            if c == '\\':
                j += 2
                continue
            if c == instr:
                instr = None
        elif c in '"\'':
            instr = c
        elif c == open_c:
            d += 1
        elif c == close_c:
            d -= 1
            if d == 0:
                return j
        j += 1
    raise ValueError('unbalanced ' + open_c)


def split_top(s):
    """Splits s at commas outside brackets and string literals."""
    parts, d, cur, instr, i = [], 0, [], None, 0
    while i < len(s):
        c = s[i]
        if instr:
            cur.append(c)
            if c == '\\':
                cur.append(s[i + 1])
                i += 2
                continue
            if c == instr:
                instr = None
        elif c in '"\'':
            instr = c
            cur.append(c)
        elif c in '(<[{':
            d += 1
            cur.append(c)
        elif c in ')>]}':
            d -= 1
            cur.append(c)
        elif c == ',' and d == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if ''.join(cur).strip():
        parts.append(''.join(cur))
    return parts


def components(header):
    """[(name, has_help)] of a record header's text between its parentheses."""
    out = []
    for p in split_top(header):
        p = p.strip()
        has_help = '@Help' in p
        # drop annotations (with their arguments), then the last word is the name
        q = p
        while True:
            m = re.search(r'@\w+(\.\w+)*\s*\(', q)
            if not m:
                break
            e = match(q, m.end() - 1, '(', ')')
            q = q[:m.start()] + q[e + 1:]
        q = re.sub(r'@\w+(\.\w+)*', '', q)
        out.append((re.findall(r'\w+', q)[-1], has_help))
    return out


def doc_parts(doc):
    """(summary lines, [(tag, name_or_None, text lines)]) of a /** ... */ comment's text."""
    body = doc[3:-2]
    lines = body.split('\n')
    clean = []
    for ln in lines:
        ln = re.sub(r'^\s*\*(?!/) ?', '', ln) if re.match(r'^\s*\*', ln) else ln.strip()
        clean.append(ln.rstrip())
    summary, tags = [], []
    for ln in clean:
        m = re.match(r'\s*@(\w+)\s*(.*)', ln)
        if m:
            tag, rest = m.group(1), m.group(2)
            if tag in ('param', 'throws', 'exception'):
                mm = re.match(r'(\S+)\s*(.*)', rest)
                tags.append([tag, mm.group(1), [mm.group(2)]])
            else:
                tags.append([tag, None, [rest]])
        elif tags:
            tags[-1][2].append(ln.strip())
        else:
            summary.append(ln)
    while summary and not summary[0].strip():
        summary.pop(0)
    while summary and not summary[-1].strip():
        summary.pop()
    for t in tags:
        while t[2] and not t[2][-1]:
            t[2].pop()
    return summary, tags


def wrap(first, text, rest, width=120):
    """text after the prefix first, continued after the prefix rest, in lines of at most width characters."""
    lines, cur = [], first
    for word in text.split():
        if cur.strip() not in ('*', '') and len(cur) + 1 + len(word) > width:
            lines.append(cur.rstrip())
            cur = rest
        cur += ('' if cur == '' or cur.endswith(' ') else ' ') + word
    lines.append(cur.rstrip())
    return lines


def render(indent, summary, tags):
    """The shortest layout of a comment: text from the opening line on, no blank lines, tags wrapped at 120
    columns, the closing mark after the last line."""
    text = ' '.join(ln.strip() for ln in summary if ln.strip())
    lines = wrap('', text, '', 120 - len(indent) - 4) if text else []
    body = []
    for tag, name, text in tags:
        head = f'@{tag} {name} ' if name else f'@{tag} '
        body += wrap('', head + ' '.join(t.strip() for t in text if t.strip()), '    ', 120 - len(indent) - 3)
    allx = lines + body
    if not allx:
        return f'{indent}/** */'
    out = [f'{indent}/** {allx[0]}'] + [f'{indent} * {ln}' for ln in allx[1:]]
    out[-1] += ' */'
    return '\n'.join(out)


def normalise_all(src):
    """Every other comment of the file in the same layout (its words unchanged)."""
    if re.search(r'(?m)^import org\.xai4j\.core\.InvalidConfigException;', src):
        src = src.replace('@throws org.xai4j.core.InvalidConfigException', '@throws InvalidConfigException')

    def one(m):
        indent, doc = m.group(1), m.group(2)
        summary, tags = doc_parts(doc)
        return render(indent, summary, tags)
    return re.sub(r'(?m)^([ \t]*)(/\*\*(?:(?!\*/).)*?\*/)', one, src, flags=re.S)


def rewrite(src):
    m = re.search(r'public record (\w+)\s*(<[^>]*>)?\s*\(', src)
    if not m:
        return src
    rec = m.group(1)
    hs = m.end() - 1
    he = match(src, hs, '(', ')')
    comps = components(src[hs + 1:he])
    names = [c for c, _ in comps]
    helped = {c for c, h in comps if h}

    # 1. the header comment: no @param for components with @Help
    cm = None
    for c in re.finditer(r'/\*\*.*?\*/', src[:m.start()], re.S):
        cm = c
    if cm and re.fullmatch(r'\s*(@\w+(\([^)]*\))?\s*)*', src[cm.end():m.start()]):
        summary, tags = doc_parts(cm.group(0))
        keep = [t for t in tags if not (t[0] == 'param' and t[1] in helped)]
        if len(keep) != len(tags):
            src = src[:cm.start()] + render('', summary, keep) + src[cm.end():]
            return rewrite(src)

    # 2. the compact constructor's comment
    cc = re.search(r'(/\*\*(?:(?!\*/).)*?\*/)(\s*)public ' + rec + r'\s*\{', src, re.S)
    if cc:
        indent = re.search(r'[ \t]*$', src[:cc.start()]).group(0)
        summary, tags = doc_parts(cc.group(1))
        new_tags = []
        for t in tags:
            if t[0] == 'param' and t[1] in helped:
                new_tags.append(['param', t[1], ['see {@link #' + t[1] + '()}']])
            else:
                new_tags.append(t)
        if [ln.strip() for ln in summary if ln.strip()] in (['Checks the settings.'], ['Validates the settings.']):
            summary = []  # says nothing the constructor of a settings record does not
        new = render(indent, summary, new_tags).lstrip()
        src = src[:cc.start(1)] + new + src[cc.end(1):]

    # 3. with... methods
    pat = re.compile(r'([ \t]*)(/\*\*(?:(?!\*/).)*?\*/)\s*public ' + rec + r' (with\w+)\(([^)]*)\)\s*\{', re.S)
    widths = []  # one-line bodies for all of the file's with... methods or for none
    for w in pat.finditer(src):
        be = match(src, w.end() - 1, '{', '}')
        flat = ' '.join(src[w.end():be].split())
        sig = f'public {rec} {w.group(3)}({w.group(4)})'
        widths.append(len(f'{w.group(1)}{sig} {{ {flat} }}'))
    one_line = bool(widths) and max(widths) <= WIDTH
    pos = 0
    out = []
    added = []
    while True:
        w = pat.search(src, pos)
        if not w:
            break
        indent = w.group(1)
        bs = w.end() - 1
        be = match(src, bs, '{', '}')
        body = src[bs + 1:be].strip()
        params = [p.strip() for p in split_top(w.group(4))]
        pnames = [re.findall(r'\w+', p)[-1] for p in params]
        sig = f'public {rec} {w.group(3)}({w.group(4)})'
        bm = re.fullmatch(r'return new ' + rec + r'\((.*)\);', body, re.S)
        plain = (bm is not None and [a.strip() for a in split_top(bm.group(1))] == names
                 and all(p in names for p in pnames) and pnames)
        summary, tags = doc_parts(w.group(2))
        shared = SHARED.get((pnames[0], ' '.join(params[0].split()[:-1]))) if plain and len(pnames) == 1 else None
        if shared:
            added.append(shared)
            doc = f'{indent}@Override'
        elif plain:
            what = ' and '.join('{@code ' + p + '}' for p in pnames)
            doc = render(indent, ['{@return a copy with ' + what + ' replaced}'],
                         [['param', p, ['the new value']] for p in pnames])
        else:
            keep = [t for t in tags if t[0] not in ('throws', 'exception')]
            doc = render(indent, summary, keep)
        flat = ' '.join(body.split())
        one = f'{indent}{sig} {{ {flat} }}'
        if one_line and flat.count(';') == 1 and '{' not in flat:
            code = one
        else:
            code = f'{indent}{sig} {{\n' + src[bs + 1:be].strip('\n').rstrip() + f'\n{indent}}}'
        if shared and code.startswith(f'{indent}{sig} {{ '):
            doc, code = '', f'{indent}@Override {code.lstrip()}'
        gap = src[pos:w.start()]
        if out and not gap.strip():
            gap = '\n'  # 4. no blank line between consecutive with... methods
        out.append(gap)
        out.append(doc + '\n' + code if doc else code)
        pos = be + 1
    out.append(src[pos:])
    src = implement(''.join(out), rec, added)
    # 5. no blank lines in the record's body: every member starts with its comment or annotation
    m = re.search(r'public record ' + rec + r'\s*\(', src)
    bs = src.index('{', match(src, m.end() - 1, '(', ')'))
    be = match(src, bs, '{', '}')
    src = src[:bs] + re.sub(r'\n[ \t]*(?=\n)', '', src[bs:be]) + src[be:]
    return normalise_all(one_line_members(join_components(src, rec)))


def join_components(src, rec, width=160):
    """7. A component whose type and name went to the line after its @Help joins that line when it fits."""
    m = re.search(r'public record ' + rec + r'\s*\(', src)
    end = src.index('{', match(src, m.end() - 1, '(', ')'))
    head = re.sub(r'(?m)^([ \t]*@Help\("[^\n]*"\))\n[ \t]*([\w<>\[\], ]+ \w+[,)][^\n]*)$',
                  lambda j: j.group(1) + ' ' + j.group(2)
                  if len(j.group(1)) + 1 + len(j.group(2)) <= width and 'implements' not in j.group(2) else j.group(0),
                  src[m.start():end])
    return src[:m.start()] + head + src[end:]


def one_line_members(src, width=160):
    """6. Other members of one statement (a method body, a constant's initialiser) on one line when it fits."""
    head = re.compile(r'(?m)^([ \t]*)(@Override\n[ \t]*)?((?:public |protected |private |static |final )*'
                      r'[\w<>\[\], .?]+ \w+\([^()]*\)|(?:public |static |final )+[\w<>]+ [A-Z_]+ = [^;]*;)')
    out, pos = [], 0
    for m in head.finditer(src):
        if m.start() < pos:
            continue
        indent, over, sig = m.group(1), m.group(2), m.group(3)
        if sig.endswith(';'):  # a constant
            if '\n' not in sig or '{' in sig:
                continue
            line = indent + ' '.join(sig.split())
            end = m.end()
        else:
            k = m.end()
            while k < len(src) and src[k] in ' \t\n':
                k += 1
            if k >= len(src) or src[k] != '{':
                continue
            e = match(src, k, '{', '}')
            body = src[k + 1:e].strip()
            if '\n' not in src[k:e] or body.count(';') != 1 or not body.endswith(';') or '{' in body or '//' in body:
                continue
            line = indent + ('@Override ' if over else '') + ' '.join(sig.split()) + ' { ' + ' '.join(body.split()) + ' }'
            end = e + 1
        if len(line) > width:
            continue
        out.append(src[pos:m.start()])
        out.append(line)
        pos = end
    out.append(src[pos:])
    return ''.join(out)


def implement(src, rec, added):
    """The record implements the xai-core interfaces in added (they extend ExplainerConfig) and imports them."""
    m = re.search(r'public record ' + rec + r'\s*\(', src)
    he = match(src, m.end() - 1, '(', ')')
    im = re.compile(r'\)\s*implements ([^{]*?)\s*\{').match(src, he)
    old = [re.sub(r'^(With\w+)<\w+>$', r'\1', t.strip()) for t in split_top(im.group(1))]  # (once generic)
    if not added and not any(t in SHARED.values() for t in old):
        return src
    new = [t for t in old if t != 'ExplainerConfig' or not added and len(old) == 1] + [a for a in added if a not in old]
    line_start = src.rfind('\n', 0, he) + 1
    last = src[line_start:he + 1] + ' implements ' + ', '.join(new) + ' {'
    if len(last) > 120:
        last = src[line_start:he + 1] + '\n        implements ' + ', '.join(new) + ' {'
    src = src[:line_start] + last + src[im.end():]
    pkg = re.search(r'(?m)^package ([\w.]+);', src).group(1)
    imports = set(re.findall(r'(?m)^import ([\w.]+);', src))
    if pkg != 'org.xai4j.core':
        imports |= {f'org.xai4j.core.{a}' for a in added}
    body = re.sub(r'(?m)^import [\w.]+;\n', '', src)
    imports = {i for i in imports if re.search(r'\b' + i.split('.')[-1] + r'\b', body)}
    block = ''.join(f'import {i};\n' for i in sorted(imports))
    first = re.search(r'(?m)^import ', src).start()
    last_imp = list(re.finditer(r'(?m)^import [\w.]+;\n', src))[-1].end()
    return src[:first] + block + src[last_imp:]


def main(paths):
    for p in paths:
        with open(p, encoding='utf-8') as f:
            src = f.read()
        new = rewrite(src)
        if new != src:
            with open(p, 'w', encoding='utf-8') as f:
                f.write(new)


if __name__ == '__main__':
    main(sys.argv[1:])
