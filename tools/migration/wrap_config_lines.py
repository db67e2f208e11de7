#!/usr/bin/env python3
"""Rewraps the settings records' lines longer than 120 columns into the project's usual layout."""
import re, sys
W = 120
ONE = re.compile(r'^(\s*)((?:@Override )?)(public [^{]*?\)) \{ (return .*;) \}$')
HELP = re.compile(r'^(\s*)(@Help\(".*"\)) (\S.*)$')

def wrap(line, cont):
    """Breaks at the last ', ' (or ' + ') before column W, continuation indented by cont."""
    out = []
    while len(line) > W:
        cut = -1
        for sep in (', ', ' + ', ' && ', ' || '):
            i = line.rfind(sep, 0, W - 1)
            # don't break inside a string literal
            if i > len(cont) + 8 and line[:i].count('"') % 2 == 0:
                cut = max(cut, i + (1 if sep == ', ' else 0))
        if cut < 0:
            break
        out.append(line[:cut].rstrip())
        line = cont + line[cut:].lstrip()
    out.append(line)
    return out

for path in sys.argv[1:]:
    src = open(path).read().split('\n')
    res = []
    for line in src:
        if len(line) <= W or line.lstrip().startswith(('*', '/**', '//')):
            res.append(line)
            continue
        m = ONE.match(line)
        if m:
            ind, ov, sig, body = m.groups()
            head = ind + ov + sig + ' {'
            if len(head) > W and ov:
                res.append(ind + ov.strip())
                head = ind + sig + ' {'
            res.extend(wrap(head, ind + '        '))
            res.extend(wrap(ind + '    ' + body, ind + '            '))
            res.append(ind + '}')
            continue
        m = HELP.match(line)
        if m:
            ind, helpann, rest = m.groups()
            res.extend(wrap(ind + helpann, ind + '        '))
            res.append(ind + rest)
            continue
        ind = re.match(r'\s*', line).group(0)
        res.extend(wrap(line, ind + '        '))
    open(path, 'w').write('\n'.join(res))
