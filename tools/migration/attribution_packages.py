#!/usr/bin/env python3
"""Splits the flat package org.xai4j.attribution by role (issue 14, "Layout"), and gives two classes that shared a
simple name with another module's class names of their own.

Usage: python3 tools/migration/attribution_packages.py [--dry-run]   (from anywhere inside the repository)

What it does, on the whole repository (every module's main and test sources, examples, benches, docs):

- `git mv`s each class listed in MOVES to its new package (and file name, for a renamed class);
- rewrites package declarations, imports and fully qualified names (code, Javadoc, strings, Markdown, services
  files) and source paths (org/xai4j/attribution/Saliency.java) of the moved classes;
- in files that were in the old package (main and test), where classes were found without an import, adds the
  imports that are now needed and renames the simple names of renamed classes (code and Javadoc references only;
  prose in comments and strings is left alone); the same for files that import a renamed class;
- widens the access that now crosses a package: in the internal package every top-level type becomes public and
  every member without an access modifier public (protected for the methods, fields and constructors of abstract
  classes, which only subclasses use); a method that overrides without an access modifier becomes protected (it overrides a member that is now
  protected); the members in WIDEN (package-private API members used from another new package) become public;
- writes the package-info.java of each new package, and keeps the internal package out of the Javadoc
  (excludePackageNames in the root pom).

It reads names and declarations only, not method bodies, so it can run again on a checkout that changed since
(classes added to the old package stay there: add them to MOVES). It is idempotent: a second run changes nothing.
Check the result by compiling the whole reactor (`mvn -B -o -q test-compile`).
"""
import os
import re
import subprocess
import sys

OLD = 'org.xai4j.attribution'
GRADIENT = OLD + '.gradient'
LAYER = OLD + '.layer'
LRP = OLD + '.lrp'
INTERNAL = OLD + '.internal'

# (old package, old simple name) -> (new package, new simple name). Classes of OLD not listed stay in OLD: the API
# every method shares (AttributionMethod, AttributionMethods, NoiseTunnel and its settings).
MOVES = {}
for _n in ['Saliency', 'SaliencyConfig', 'InputXGradient', 'InputXGradientConfig', 'IntegratedGradients',
           'IntegratedGradientsConfig', 'DeepLift', 'DeepLiftConfig', 'DeepLiftShap', 'DeepLiftShapConfig',
           'GradientShap', 'GradientShapConfig', 'GuidedBackprop', 'Deconvolution', 'ModifiedReluAttribution',
           'ModifiedReluConfig', 'Quadrature', 'QuadratureRule']:
    MOVES[(OLD, _n)] = (GRADIENT, _n)
for _n in ['LayerGradientXActivation', 'LayerGradientXActivationConfig', 'LayerIntegratedGradients',
           'LayerIntegratedGradientsConfig', 'Layers']:
    MOVES[(OLD, _n)] = (LAYER, _n)
for _n in ['Lrp', 'LrpConfig', 'Crp', 'CrpConfig', 'ChannelCondition', 'ChannelMask', 'ConceptRelevance',
           'ReferenceSampling']:
    MOVES[(OLD, _n)] = (LRP, _n)
for _n in ['AttributionBase', 'PerRowAttribution', 'Blocks', 'Plans', 'Prepared', 'RowStreams', 'References',
           'ConvergenceDelta', 'PathIntegral']:
    MOVES[(OLD, _n)] = (INTERNAL, _n)
# perturbation has its own Rows (feature rows); this one is rows as flat double[] matrices
MOVES[(OLD, 'Rows')] = (INTERNAL, 'FlatRows')
# perturbation.features.Superpixels (the segmenters) keeps its name; this one draws segment weights over an image
MOVES[('org.xai4j.viz.image', 'Superpixels')] = ('org.xai4j.viz.image', 'SuperpixelOverlay')

# The classes that stay in OLD; the script names any other class it finds left there (one added since it was
# written), to be placed in MOVES.
KEEP = {'AttributionMethod', 'AttributionMethods', 'NoiseTunnel', 'NoiseTunnelConfig', 'NoiseTunnelType', 'NoiseScale'}

# Test classes that move with (or are renamed after) the class they test: (module, old package, old name) -> new.
TEST_MOVES = {
    ('xai-viz', 'org.xai4j.viz.image', 'SuperpixelsTest'): ('org.xai4j.viz.image', 'SuperpixelOverlayTest'),
}

# Package-private members of API classes that another of the new packages uses: (class, member) -> (access, the
# Javadoc it gets if it has none; doclint checks every public member).
WIDEN = {
    ('QuadratureRule', 'alpha'): ('public', '''The point α_s, without the copy {@link #alphas()} makes.

@param s the index of the point, in [0, n)
@return α_s'''),
    ('QuadratureRule', 'weight'): ('public', '''The weight w_s, without the copy {@link #weights()} makes.

@param s the index of the point, in [0, n)
@return w_s'''),
}

# Markdown that names a renamed class by its simple name where the context says which one: file -> (regex, new).
DOC_RENAMES = {
    'docs/visualisation.md': [(r'(?<![\w.])Superpixels(?=[`.(])', 'SuperpixelOverlay')],
}

PACKAGE_INFO = {
    GRADIENT: """/**
 * Gradient and backward-rule attribution of the input: {@link org.xai4j.attribution.gradient.Saliency}
 * (Simonyan et al. 2014), {@link org.xai4j.attribution.gradient.InputXGradient} (Shrikumar et al. 2016),
 * {@link org.xai4j.attribution.gradient.IntegratedGradients} (Sundararajan et al. 2017, with its
 * {@link org.xai4j.attribution.gradient.Quadrature} rules), {@link org.xai4j.attribution.gradient.GradientShap}
 * (expected gradients; Lundberg &amp; Lee 2017, Erion et al. 2021), and the methods that run one backward pass of
 * the explanation graph with modified rules: {@link org.xai4j.attribution.gradient.DeepLift} (Shrikumar et al.
 * 2017), {@link org.xai4j.attribution.gradient.DeepLiftShap} (Lundberg &amp; Lee 2017),
 * {@link org.xai4j.attribution.gradient.GuidedBackprop} (Springenberg et al. 2015) and
 * {@link org.xai4j.attribution.gradient.Deconvolution} (Zeiler &amp; Fergus 2014), whose rules are in
 * {@link org.xai4j.attribution.rules}. Each method has its settings record next to it ({@code SaliencyConfig},
 * ...), with Captum's defaults.
 */
package org.xai4j.attribution.gradient;
""",
    LAYER: """/**
 * Attribution of a hidden layer's activations rather than of the input:
 * {@link org.xai4j.attribution.layer.LayerGradientXActivation} and
 * {@link org.xai4j.attribution.layer.LayerIntegratedGradients} (Captum's {@code LayerGradientXActivation} and
 * {@code LayerIntegratedGradients}), on a {@link org.xai4j.core.model.LayeredModel}, with their settings records.
 */
package org.xai4j.attribution.layer;
""",
    INTERNAL: """/**
 * Not API: the parts the attribution methods of {@link org.xai4j.attribution.gradient},
 * {@link org.xai4j.attribution.layer} and {@link org.xai4j.attribution.lrp} share (their base classes, the input
 * checks, the cutting of rows × samples into model calls, flat row matrices, references and convergence deltas,
 * the path integral). They are public only because those packages use them; they may change in any release, and
 * the Javadoc leaves this package out.
 */
package org.xai4j.attribution.internal;
""",
}

ROOT_PACKAGE_INFO = """/**
 * The API every attribution method shares: {@link org.xai4j.attribution.AttributionMethod} (an explainer of ND4J
 * batches whose row i depends only on row i, with the bare computation wrappers build on),
 * {@link org.xai4j.attribution.AttributionMethods} (the methods' specs for the registry), and the
 * {@link org.xai4j.attribution.NoiseTunnel} wrapper (SmoothGrad, SmoothGrad², VarGrad), which composes with any
 * method. The methods are in sub-packages by how they work:
 *
 * <ul>
 *   <li>{@link org.xai4j.attribution.gradient}: gradients of the input and backward passes with modified rules
 *       (Saliency, gradient × input, Integrated Gradients, GradientSHAP, DeepLIFT, DeepLiftShap, guided
 *       backpropagation, deconvolution);</li>
 *   <li>{@link org.xai4j.attribution.layer}: attribution of a hidden layer (layer gradient × activation, layer
 *       Integrated Gradients);</li>
 *   <li>{@link org.xai4j.attribution.lrp}: layer-wise relevance propagation ({@link org.xai4j.attribution.lrp.Lrp}),
 *       its rules, and concept relevance propagation ({@link org.xai4j.attribution.lrp.Crp});</li>
 *   <li>{@link org.xai4j.attribution.rules}: the backward rules of DeepLIFT, guided backpropagation and
 *       deconvolution, and the tables that assign rules to node types.</li>
 * </ul>
 *
 * <p>Every method follows Captum's vocabulary and defaults (each config's Javadoc lists them). The gradient
 * methods talk to models only through {@link org.xai4j.core.model.ModelCalls}; the rule-based ones validate
 * through it and then call {@link org.xai4j.core.graph.Graph#propagate} with their composite.
 */
package org.xai4j.attribution;
"""
ROOT_PACKAGE_INFO_MARK = 'The API every attribution method shares'

TEXT_EXT = ('.java', '.md', '.py', '.sh', '.xml', '.properties', '.txt', '.json', '.yml', '.yaml', '.cfg')

ACCESS = ('public', 'protected', 'private')
MODIFIERS = set(ACCESS) | {'static', 'final', 'abstract', 'synchronized', 'native', 'transient', 'volatile',
                           'strictfp', 'default', 'sealed', 'non-sealed'}


def git(root, *args):
    return subprocess.run(['git', '-C', root] + list(args), check=True, capture_output=True, text=True).stdout


# ---------------------------------------------------------------- Java text: code, comments, literals
def lex(s):
    """Cuts Java source into (kind, text) pieces: 'code', 'comment', 'string' (text blocks and chars too)."""
    out = []
    i = 0
    n = len(s)
    start = 0

    def flush(upto):
        if upto > start:
            out.append(('code', s[start:upto]))

    while i < n:
        c = s[i]
        if c == '/' and s.startswith('//', i):
            flush(i)
            j = s.find('\n', i)
            j = n if j < 0 else j
            out.append(('comment', s[i:j]))
            i = start = j
        elif c == '/' and s.startswith('/*', i):
            flush(i)
            j = s.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(('comment', s[i:j]))
            i = start = j
        elif c == '"' and s.startswith('"""', i):
            flush(i)
            j = i + 3
            while j < n and not s.startswith('"""', j):
                j += 2 if s[j] == '\\' else 1
            j = min(n, j + 3)
            out.append(('string', s[i:j]))
            i = start = j
        elif c in '"\'':
            flush(i)
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == '\\' else 1
            j = min(n, j + 1)
            out.append(('string', s[i:j]))
            i = start = j
        else:
            i += 1
    flush(n)
    return out


def masked(s):
    """The source with comments and literals blanked (same length, newlines kept)."""
    return ''.join(t if k == 'code' else re.sub(r'[^\n]', ' ', t) for k, t in lex(s))


def package_of(s):
    m = re.search(r'^\s*package\s+([\w.]+)\s*;', masked(s), re.M)
    return m.group(1) if m else None


def single_imports(s):
    """Simple name -> package of each single-type (non-static) import."""
    out = {}
    for m in re.finditer(r'^\s*import\s+([\w.]+)\.(\w+)\s*;', masked(s), re.M):
        out[m.group(2)] = m.group(1)
    return out


def top_level_types(s):
    return set(re.findall(r'\b(?:class|interface|enum|record)\s+(\w+)', masked(s)))


# ---------------------------------------------------------------- rewrites
def fqn_rewrite(text):
    """Fully qualified names and source paths of moved classes, anywhere in the text."""
    for (op, on), (np_, nn) in MOVES.items():
        text = re.sub(re.escape(op) + r'\.' + on + r'\b(?!\.java)', np_ + '.' + nn, text)
        text = re.sub(re.escape(op.replace('.', '/')) + '/' + on + r'(?=\.java|\.class|\b(?![/.]\w))',
                      np_.replace('.', '/') + '/' + nn, text)
    return text


LINK = re.compile(r'(\{@link(?:plain)?\s+(?:\*\s*)?|@see\s+|@throws\s+|@exception\s+|\{@value\s+)([A-Za-z_]\w*)')
IDENT = re.compile(r'(?<![\w$.])([A-Z]\w*)\b')


def simple_names(text, scope, used):
    """Renames the simple names in scope (name -> (package, new name)) of one piece of code; notes the ones used."""
    def sub(m):
        name = m.group(1)
        if name in scope:
            used.add(name)
            return scope[name][1]
        return name
    return IDENT.sub(sub, text)


def rewrite_java(path, s, new_pkg):
    """All rewrites of one Java file whose package becomes new_pkg."""
    old_pkg = package_of(s)
    s = fqn_rewrite(s)
    imports = single_imports(s)
    own = top_level_types(s)
    scope = {}
    needs_import = {}
    # classes of the file's old package, found without an import
    if old_pkg is not None:
        for (op, on), (np_, nn) in MOVES.items():
            if op == old_pkg and on not in imports:
                scope[on] = (np_, nn)
        for on in classes_in(old_pkg):
            if (old_pkg, on) not in MOVES and on not in imports and on not in own:
                scope[on] = (old_pkg, on)
    # renamed classes imported by their (already rewritten) name
    for (op, on), (np_, nn) in MOVES.items():
        if on != nn and imports.get(nn) == np_:
            scope[on] = (np_, nn)
    # a name that keeps its class and needs no import is left alone
    scope = {k: v for k, v in scope.items() if v != (new_pkg, k)}
    used = set()
    pieces = []
    for kind, text in lex(s):
        if kind == 'code':
            text = simple_names(text, scope, used)
        elif kind == 'comment':
            text = LINK.sub(lambda m: m.group(1) + simple_names(m.group(2), scope, used), text)
        pieces.append(text)
    s = ''.join(pieces)
    if old_pkg is not None and old_pkg != new_pkg:
        s = re.sub(r'^(\s*package\s+)' + re.escape(old_pkg) + r'(\s*;)', r'\g<1>' + new_pkg + r'\2', s, count=1,
                   flags=re.M)
    for name in used:
        np_, nn = scope[name]
        if np_ != new_pkg and nn not in own:
            needs_import[nn] = np_
    # imports of the file's own package are redundant
    s = re.sub(r'^import\s+' + re.escape(new_pkg) + r'\.[A-Z]\w*\s*;[ \t]*\n', '', s, flags=re.M)
    imports = single_imports(s)
    add = sorted(p + '.' + n for n, p in needs_import.items() if imports.get(n) != p and n not in imports)
    if add:
        s = add_imports(s, add)
    if '.*;' in s:
        for m in re.finditer(r'^\s*import\s+(static\s+)?([\w.]+)\.\*\s*;', masked(s), re.M):
            if m.group(2) in {p for p, _ in MOVES} or m.group(2) in {p for p, _ in MOVES.values()}:
                print('WARNING: wildcard import of a changed package, check by hand:', path, m.group(0).strip())
    return s


def add_imports(s, fqns):
    text = ''.join('import ' + f + ';\n' for f in fqns)
    m = None
    for m in re.finditer(r'^import\s[^\n]*;[ \t]*\n', s, re.M):
        pass
    if m is not None:
        return s[:m.end()] + text + s[m.end():]
    m = re.search(r'^package\s[^\n]*;[ \t]*\n', s, re.M)
    return s[:m.end()] + '\n' + text + s[m.end():]


# ---------------------------------------------------------------- access
def declarations(s):
    """(insert position, name, modifiers, annotations, enclosing kind, is type, depth) of each member declaration that
    sits directly in a class, record or enum body (interfaces' members are public already)."""
    t = masked(s)
    out = []
    stack = []          # per open brace: kind ('class', 'record', 'enum', 'interface') or None
    enum_consts = []    # per brace: True while an enum body's constants are not yet closed by ';'
    paren = 0
    start = 0

    def consider(header_end, opening):
        header = t[start:header_end]
        if not stack or stack[-1] is None or stack[-1] in ('interface', '@interface'):
            return
        if stack[-1] == 'enum' and enum_consts[-1]:
            return
        h = header
        lead = len(h) - len(h.lstrip())
        pos = start + lead
        body = h[lead:]
        ann = re.match(r'(?:@\s*[\w.]+(?:\s*\([^)]*\))?\s*)*', body)
        annotations = body[:ann.end()]
        rest = body[ann.end():]
        pos += ann.end()
        mods = []
        while True:
            mm = re.match(r'(non-sealed|\w+)\s+', rest)
            if not mm or mm.group(1) not in MODIFIERS:
                break
            mods.append(mm.group(1))
            rest = rest[mm.end():]
        if not rest.strip():
            return  # initializer block
        tm = re.match(r'(?:class|interface|enum|record|@interface)\s+(\w+)', rest)
        if tm:
            out.append((pos, tm.group(1), mods, annotations, stack[-1], True, len(stack)))
            return
        eq = rest.find('=')
        par = rest.find('(')
        if par >= 0 and (eq < 0 or par < eq):
            nm = re.search(r'(\w+)\s*$', rest[:par])
        else:
            nm = re.search(r'(\w+)\s*$', rest[:eq] if eq >= 0 else rest)
        if nm:
            out.append((pos, nm.group(1), mods, annotations, stack[-1], False, len(stack)))

    for i, c in enumerate(t):
        if c == '(':
            paren += 1
        elif c == ')':
            paren -= 1
        elif paren > 0:
            continue
        elif c == '{':
            header = t[start:i]
            consider(i, True)
            km = re.search(r'(?<![\w.])(class|interface|enum|record|@interface)\s+\w+', header)
            kind = km.group(1) if km and not re.search(r'\bnew\b', header) else None
            stack.append(kind)
            enum_consts.append(kind == 'enum')
            start = i + 1
        elif c == '}':
            if stack:
                stack.pop()
                enum_consts.pop()
            start = i + 1
        elif c == ';':
            if stack and stack[-1] == 'enum' and enum_consts[-1]:
                enum_consts[-1] = False
            else:
                consider(i, False)
            start = i + 1
    return out


def widen(s, cls, new_pkg):
    """Access that now crosses a package (see the module docstring)."""
    internal = new_pkg == INTERNAL
    abstract = bool(re.search(r'\babstract\s+class\s+' + cls + r'\b', masked(s)))
    edits = []
    for pos, name, mods, annotations, kind, is_type, depth in declarations(s):
        if any(m in ACCESS for m in mods):
            continue
        access = None
        if is_type and name == cls:
            if internal:
                access = 'public'
        elif internal:
            # a nested type is public: a subclass elsewhere cannot call a protected record's constructor
            access = 'protected' if abstract and depth == 1 and not is_type else 'public'
        elif '@Override' in annotations:
            access = 'protected'
        if (cls, name) in WIDEN:
            access, doc = WIDEN[(cls, name)]
            head = pos - len(annotations)
            line = s.rfind('\n', 0, head) + 1
            if doc and not s[:line].rstrip().endswith('*/'):
                indent = s[line:head]
                edits.append((line, indent + '/**\n' + ''.join(
                    indent + (' * ' + d if d else ' *') + '\n' for d in doc.split('\n')) + indent + ' */\n'))
        if access:
            edits.append((pos, access + ' '))
    if internal:
        top = re.search(r'^((?:@\s*[\w.]+(?:\s*\([^)]*\))?\s*)*)((?:[\w-]+\s+)*?)(?:class|interface|enum|record)\s+'
                        + cls + r'\b', masked(s), re.M)
        if top and not any(m in ACCESS for m in top.group(2).split()):
            edits.append((top.start(2), 'public '))
    for pos, text in sorted(edits, reverse=True):
        s = s[:pos] + text + s[pos:]
    return s


# ---------------------------------------------------------------- the repository
_CLASSES = {}


def classes_in(pkg):
    return _CLASSES.get(pkg, set())


def main():
    dry = '--dry-run' in sys.argv
    root = git(os.path.dirname(os.path.abspath(__file__)), 'rev-parse', '--show-toplevel').strip()
    files = [f for f in git(root, 'ls-files').splitlines()
             if not f.startswith('tools/migration/') and os.path.isfile(os.path.join(root, f))]
    # the classes of each package, by their source files
    for f in files:
        m = re.match(r'[^/]+/src/(?:main|test)/java/(.+)/(\w+)\.java$', f)
        if m and m.group(2) != 'package-info':
            _CLASSES.setdefault(m.group(1).replace('/', '.'), set()).add(m.group(2))
    left = sorted(n for n in classes_in(OLD) if (OLD, n) not in MOVES and n not in KEEP and os.path.exists(
        os.path.join(root, 'xai-attribution/src/main/java', OLD.replace('.', '/'), n + '.java')))
    if left:
        print('WARNING: classes of %s not in MOVES or KEEP stay there: %s' % (OLD, ', '.join(left)))
    renames = {}  # old path -> new path
    for f in files:
        m = re.match(r'([^/]+)/src/(main|test)/java/(.+)/(\w+)\.java$', f)
        if not m:
            continue
        module, kind, pkg, name = m.group(1), m.group(2), m.group(3).replace('/', '.'), m.group(4)
        target = None
        if kind == 'main' and (pkg, name) in MOVES:
            target = MOVES[(pkg, name)]
        elif (module, pkg, name) in TEST_MOVES:
            target = TEST_MOVES[(module, pkg, name)]
        if target and target != (pkg, name):
            renames[f] = '%s/src/%s/java/%s/%s.java' % (module, kind, target[0].replace('.', '/'), target[1])
    changed = {}
    for f in files:
        if not f.endswith(TEXT_EXT) and '/META-INF/services/' not in f:
            continue
        p = os.path.join(root, f)
        try:
            with open(p, encoding='utf-8') as fh:
                s = fh.read()
        except UnicodeDecodeError:
            continue
        new_path = renames.get(f, f)
        if f.endswith('.java'):
            new_pkg = package_of(s)
            m = re.match(r'[^/]+/src/(?:main|test)/java/(.+)/(\w+)\.java$', new_path)
            if m and new_pkg is not None:
                new_pkg = m.group(1).replace('/', '.')
            t = rewrite_java(f, s, new_pkg) if new_pkg else fqn_rewrite(s)
            m = re.match(r'[^/]+/src/main/java/(.+)/(\w+)\.java$', new_path)
            if m and m.group(2) != 'package-info' and (
                    package_of(s) == OLD or new_pkg == INTERNAL):
                t = widen(t, m.group(2), new_pkg)
        else:
            t = fqn_rewrite(s)
            for regex, new in DOC_RENAMES.get(f, []):
                t = re.sub(regex, new, t)
        if t != s or new_path != f:
            changed[f] = (new_path, t)
    for f, (new_path, t) in sorted(changed.items()):
        print(('%s -> %s' % (f, new_path)) if new_path != f else f)
        if dry:
            continue
        if new_path != f:
            os.makedirs(os.path.dirname(os.path.join(root, new_path)), exist_ok=True)
            git(root, 'mv', f, new_path)
        with open(os.path.join(root, new_path), 'w', encoding='utf-8') as fh:
            fh.write(t)
    if dry:
        return
    # package-info of the new packages, and the root one rewritten for its narrower role
    base = os.path.join(root, 'xai-attribution/src/main/java')
    for pkg, text in PACKAGE_INFO.items():
        p = os.path.join(base, pkg.replace('.', '/'), 'package-info.java')
        if os.path.isdir(os.path.dirname(p)) and not os.path.exists(p):
            with open(p, 'w', encoding='utf-8') as fh:
                fh.write(text)
            git(root, 'add', os.path.relpath(p, root))
            print('wrote', os.path.relpath(p, root))
    p = os.path.join(base, OLD.replace('.', '/'), 'package-info.java')
    with open(p, encoding='utf-8') as fh:
        s = fh.read()
    if ROOT_PACKAGE_INFO_MARK not in s:
        with open(p, 'w', encoding='utf-8') as fh:
            fh.write(ROOT_PACKAGE_INFO)
        print('wrote', os.path.relpath(p, root))
    # the internal package is no API: out of the Javadoc
    p = os.path.join(root, 'pom.xml')
    with open(p, encoding='utf-8') as fh:
        s = fh.read()
    t = re.sub(r'(<excludePackageNames>)([^<]*)(</excludePackageNames>)',
               lambda m: m.group(0) if INTERNAL in m.group(2).split(':')
               else m.group(1) + m.group(2) + ':' + INTERNAL + m.group(3), s)
    if t != s:
        with open(p, 'w', encoding='utf-8') as fh:
            fh.write(t)
        print('pom.xml: excludePackageNames +', INTERNAL)


if __name__ == '__main__':
    main()
