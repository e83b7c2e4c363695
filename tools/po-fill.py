#!/usr/bin/env python3
"""po-fill.py: an authoring aid for the message catalogues (not used by the build).

  tools/po-check --pot /tmp/gemis.pot
  tools/po-fill.py /tmp/gemis.pot vi po/vi/MODULE.po [TRANSLATIONS.py]
  tools/po-fill.py /tmp/gemis.pot en po/en/MODULE.po --like po/vi/MODULE.po

vi: rewrites po/vi/MODULE.po with the translations it already has plus those of
TRANSLATIONS.py (a file defining a dict T = {msgid: translation}; for plural
messages the translation of the singular msgid).  Only messages with a translation
are written, so each module's file keeps its own messages; messages of the template
that no catalogue translates are listed on stderr (tools/po-check fails on them).
en: writes the English catalogue for the messages of the --like file, keeping the
wordings it already has and copying the msgid for new ones (English is the source
language).
"""
import ast, os, re, sys

def parse(path):
    entries, cur, key = [], None, None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#'):
            continue
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) (".*")$', line)
        if m:
            key = m.group(1)
            if key == 'msgid':
                cur = {}
                entries.append(cur)
            cur[key] = ast.literal_eval(m.group(2))
        elif line.startswith('"') and cur is not None:
            cur[key] += ast.literal_eval(line)
    return [e for e in entries if e.get('msgid')]

def esc(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t') + '"'

def main(argv):
    if len(argv) < 3:
        print(__doc__); return 2
    pot, lang, out = argv[0], argv[1], argv[2]
    rest = argv[3:]
    known = {}
    like = None
    if '--like' in rest:
        like = rest[rest.index('--like') + 1]
    elif rest:
        ns = {}
        exec(open(rest[0], encoding='utf-8').read(), ns)
        known.update(ns['T'])
    if os.path.exists(out):
        for e in parse(out):
            t = e.get('msgstr', e.get('msgstr[0]', ''))
            if t and e['msgid'] not in known:
                known[e['msgid']] = t
    wanted = None
    if like:
        wanted = {e['msgid'] for e in parse(like)}
    header = open(out, encoding='utf-8').read().split('\n\n')[0] if os.path.exists(out) else None
    plural = 'nplurals=1; plural=0;' if lang == 'vi' else 'nplurals=2; plural=(n != 1);'
    if not header:
        header = ('# gemis messages\nmsgid ""\nmsgstr ""\n"Project-Id-Version: gemis\\n"\n'
                  '"PO-Revision-Date: 2026-11-22 00:00+0000\\n"\n"Last-Translator: gemis developers\\n"\n'
                  '"Language-Team: gemis\\n"\n"Language: %s\\n"\n"MIME-Version: 1.0\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
                  '"Plural-Forms: %s\\n"' % (lang, plural))
    o = [header + '\n']
    for e in parse(pot):
        mid = e['msgid']
        if lang == 'en':
            if wanted is None or mid not in wanted:
                continue
            # keep an English wording chosen before (msgids with a context
            # prefix such as "sex: women" read "Women"); new ones copy the msgid
            if 'msgid_plural' in e:
                o.append('msgid %s\nmsgid_plural %s\nmsgstr[0] %s\nmsgstr[1] %s\n' %
                         (esc(mid), esc(e['msgid_plural']), esc(known.get(mid, mid)), esc(e['msgid_plural'])))
            else:
                o.append('msgid %s\nmsgstr %s\n' % (esc(mid), esc(known.get(mid, mid))))
            continue
        if mid not in known:
            continue
        if 'msgid_plural' in e:
            o.append('msgid %s\nmsgid_plural %s\nmsgstr[0] %s\n' % (esc(mid), esc(e['msgid_plural']), esc(known[mid])))
        else:
            o.append('msgid %s\nmsgstr %s\n' % (esc(mid), esc(known[mid])))
    open(out, 'w', encoding='utf-8').write('\n'.join(o))
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
