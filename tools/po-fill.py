#!/usr/bin/env python3
# po-fill.py: an authoring aid (not used by the build).  Writes a PO file for LANG from
# the template made by `tools/po-check --pot FILE` and a Python file defining a dict
# T = {msgid: translation}; for "en" it copies the English msgids.  Messages missing
# from T are listed on stderr and left empty, which tools/po-check reports.
# usage: pofill.py POT LANG TRANSLATIONS.py OUT.po [HEADER_COMMENT]
import sys, re, ast
def parse(path):
    entries=[]; cur=None; key=None
    for line in open(path, encoding='utf-8'):
        line=line.rstrip('\n')
        if line.startswith('#'):
            if cur is None or 'msgid' in cur and cur.get('_done'):
                pass
            continue
        m=re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) (".*")$', line)
        if m:
            key=m.group(1)
            if key=='msgid':
                cur={}; entries.append(cur)
            cur[key]=ast.literal_eval(m.group(2))
            continue
        if line.startswith('"') and cur is not None:
            cur[key]+=ast.literal_eval(line)
    return entries
def esc(s):
    s=s.replace('\\','\\\\').replace('"','\\"').replace('\n','\\n').replace('\t','\\t')
    return '"'+s+'"'
pot, lang, tr, out = sys.argv[1:5]
comment = sys.argv[5] if len(sys.argv)>5 else 'gemis messages'
T = {}
exec(open(tr, encoding='utf-8').read(), {}, T)
T = T['T']
ents=parse(pot)
o=open(out,'w',encoding='utf-8')
plural = 'nplurals=1; plural=0;' if lang=='vi' else 'nplurals=2; plural=(n != 1);'
o.write('# %s\nmsgid ""\nmsgstr ""\n"Project-Id-Version: gemis\\n"\n"PO-Revision-Date: 2026-11-22 00:00+0000\\n"\n"Last-Translator: gemis developers\\n"\n"Language-Team: gemis\\n"\n"Language: %s\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: %s\\n"\n' % (comment, lang, plural))
missing=[]
for e in ents:
    mid=e['msgid']
    if mid=='': continue
    o.write('\nmsgid %s\n' % esc(mid))
    if 'msgid_plural' in e:
        o.write('msgid_plural %s\n' % esc(e['msgid_plural']))
        if lang=='en':
            o.write('msgstr[0] %s\nmsgstr[1] %s\n' % (esc(mid), esc(e['msgid_plural'])))
        else:
            t=T.get(mid)
            if t is None: missing.append(mid); t=''
            o.write('msgstr[0] %s\n' % esc(t))
    else:
        if lang=='en': t=mid
        else:
            t=T.get(mid)
            if t is None: missing.append(mid); t=''
        o.write('msgstr %s\n' % esc(t))
for m in missing: print('MISSING:', repr(m), file=sys.stderr)
