"""Rewrites builder-style settings code to the record shape of issue 14, for branches written before it.

Usage: python3 tools/migration/builders_to_records.py FILE.java...

FooConfig.builder().a(x).b(y).build() becomes FooConfig.DEFAULTS.withA(x).withB(y) (or FooConfig.of(...) for
settings with a required value: CamConfig layers, OcclusionConfig window, LimeTabularConfig training,
GradientShapConfig/DeepLiftShapConfig background, GuidedGradCamConfig layer); batchPolicy(b)/batchSize(n)
become withBatch(...); FooConfig.defaults() becomes FooConfig.DEFAULTS; variables of type FooConfig.Builder
become FooConfig values. Check the result by compiling: chains through helper methods returning a Builder
are not followed.
"""
import re,sys,os
IMPORTS={'BatchPolicy':'org.xai4j.core.util.BatchPolicy','Segmenter':'org.xai4j.perturbation.features.Segmenter',
 'Surrogate':'org.xai4j.perturbation.lime.Surrogate','Baseline':'org.xai4j.core.baseline.Baseline',
 'ChannelMeanBaseline':'org.xai4j.perturbation.features.ChannelMeanBaseline','LimeConfig':'org.xai4j.perturbation.lime.LimeConfig'}
OF={'GradientShapConfig':'of','DeepLiftShapConfig':'of','GuidedGradCamConfig':'of','LayerGradientXActivationConfig':'at'}
FIRST={'CamConfig':'layers','OcclusionConfig':'window','LimeTabularConfig':'training'}
def match_paren(s,i):
    # s[i]=='(' ; return index of matching ')'
    d=0; j=i; instr=None
    while j<len(s):
        c=s[j]
        if instr:
            if c=='\\': j+=2; continue
            if c==instr: instr=None
        elif c in '"\'': instr=c
        elif c=='(': d+=1
        elif c==')':
            d-=1
            if d==0: return j
        j+=1
    raise Exception('unbalanced')
def cap(n): return n[0].upper()+n[1:]
def rename(cls,name,args,needed):
    if name in('batchPolicy','batch'): return f'.withBatch({args})'
    if name=='batchSize': needed.add('BatchPolicy'); return f'.withBatch(BatchPolicy.ofRows({args}))'
    if name=='mask': needed.add('Segmenter'); return f'.withSegmenter(Segmenter.fixed({args}))'
    if name in('ridge','lasso'): needed.add('Surrogate'); return f'.withSurrogate(Surrogate.{name.upper()}, {args})'
    if name=='hideWithMean': needed.add('LimeConfig'); return '.withHide(LimeConfig.Hide.MEAN)'
    if name=='hideWith': needed.add('LimeConfig'); return f'.withHide(LimeConfig.Hide.constant({args}))'
    if name=='hideWithBlur': needed.add('LimeConfig'); return f'.withHide(LimeConfig.Hide.blur({args}))'
    if cls=='PartitionShapConfig' and name=='blur': needed.add('Baseline'); return f'.withMasker(Baseline.blur({args}))'
    if cls=='PartitionShapConfig' and name=='mean': needed.add('ChannelMeanBaseline'); return '.withMasker(ChannelMeanBaseline.INSTANCE)'
    return f'.with{cap(name)}({args})'
def varpass(s,cls,var,needed):
    out=[];pos=0
    pat=re.compile(r'\b'+var+r'(?=\.\w+\()')
    while True:
        m=pat.search(s,pos)
        if not m: break
        out.append(s[pos:m.end()])
        calls=[];j=m.end()
        while True:
            k=j
            while k<len(s) and s[k] in ' \t\n\r': k+=1
            mm=re.match(r'\.(\w+)\(',s[k:])
            if not mm: break
            name=mm.group(1); pp=k+mm.end()-1; qq=match_paren(s,pp)
            calls.append((s[j:k],name,s[pp+1:qq])); j=qq+1
            if name=='build': break
        if calls and calls[-1][1]=='build':
            calls=calls[:-1]
            out.append(''.join(ws+rename(cls,n,a,needed) for ws,n,a in calls)); pos=j
        else:
            pos=m.end()
    out.append(s[pos:]); return ''.join(out)

def convert(s):
    needed=set()
    out=[]; pos=0
    pat=re.compile(r'\b(\w+Config)\.builder\(')
    while True:
        m=pat.search(s,pos)
        if not m: break
        cls=m.group(1)
        out.append(s[pos:m.start()])
        p=m.end()-1; q=match_paren(s,p); hargs=s[p+1:q]
        calls=[]; j=q+1
        while True:
            k=j
            while k<len(s) and s[k] in ' \t\n\r': k+=1
            mm=re.match(r'\.(\w+)\(',s[k:])
            if not mm: break
            name=mm.group(1); pp=k+mm.end()-1; qq=match_paren(s,pp)
            ws=s[j:k]
            calls.append((ws,name,s[pp+1:qq])); j=qq+1
            if name=='build': break
        if calls and calls[-1][1]=='build':
            calls=calls[:-1]
        if cls in OF: head=f'{cls}.{OF[cls]}({hargs})'
        elif cls in FIRST and calls and calls[0][1]==FIRST[cls]:
            head=f'{cls}.of({calls[0][2]})'; calls=calls[1:]
        elif cls in FIRST: head=f'{cls}.of()'
        else: head=f'{cls}.DEFAULTS'
        body=''.join(ws+rename(cls,n,a,needed) for ws,n,a in calls)
        out.append(head+body); pos=j
    out.append(s[pos:]); s=''.join(out)
    for vm in list(re.finditer(r'\b(\w+Config)\.Builder (\w+)\b',s)):
        cls,var=vm.group(1),vm.group(2)
        s=s.replace(vm.group(0),cls+' '+var)
        s=varpass(s,cls,var,needed)
    s=re.sub(r'\b(\w+Config)\.defaults\(\)',r'\1.DEFAULTS',s)
    s=s.replace('GuidedGradCamConfig.at(','GuidedGradCamConfig.of(')
    s=s.replace('ExactShapleyConfig.DEFAULT_MAX_FEATURES','ExactShapleyConfig.DEFAULTS.maxFeatures()')
    # imports
    pm=re.search(r'^package ([\w.]+);',s,re.M)
    if not pm: return s
    pkg=pm.group(1)
    for n in sorted(needed):
        fq=IMPORTS[n]
        if fq.rsplit('.',1)[0]==pkg or re.search(r'^import '+re.escape(fq)+';',s,re.M): continue
        s=re.sub(r'^(package [\w.]+;\n)',r'\1\nimport '+fq+';',s,count=1,flags=re.M) if not re.search(r'^import ',s,re.M) else re.sub(r'^(import )','import '+fq+';\n'+r'\1',s,count=1,flags=re.M)
    return s
for f in sys.argv[1:]:
    s=open(f).read()
    try:
        t=convert(s)
    except Exception as e:
        print('FAIL',f,e); continue
    if t!=s: open(f,'w').write(t); print('ok',f)

def chainpass(s, startpat, cls):
    needed=set(); out=[]; pos=0
    pat=re.compile(startpat)
    while True:
        m=pat.search(s,pos)
        if not m: break
        p=m.end()-1
        if s[p]=='(':
            q=match_paren(s,p)
        else:
            q=p
        out.append(s[pos:q+1])
        calls=[];j=q+1
        while True:
            k=j
            while k<len(s) and s[k] in ' \t\n\r': k+=1
            mm=re.match(r'\.(\w+)\(',s[k:])
            if not mm: break
            name=mm.group(1); pp=k+mm.end()-1; qq=match_paren(s,pp)
            calls.append((s[j:k],name,s[pp+1:qq])); j=qq+1
            if name=='build': break
        if calls and calls[-1][1]=='build':
            calls=calls[:-1]
            out.append(''.join(ws+rename(cls,n,a,needed) for ws,n,a in calls)); pos=j
        else:
            pos=q+1
    out.append(s[pos:]); return ''.join(out)
