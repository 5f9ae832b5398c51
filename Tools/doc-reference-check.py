#!/usr/bin/env python3
"""node-word-extractor agreement of the .doc reader through the built binary (docs/BENCHMARKS.md):
the stories and normalisation of WordBinaryReferenceTests, over `chachong extract --format json`.
  python3 Tools/doc-reference-check.py   (after swift build; reads /work/shared/corpora)"""
import json, subprocess, os, sys
folder = os.environ.get('CHACHONG_CORPORA', '/work/shared/corpora/docx') + '/node-word-extractor'
table = json.load(open(folder + '/expected-snapshots/expected_text.json'))
filt = {'\u2002': ' ', '\u2003': ' ', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"'}
def norm(t): return ' '.join(''.join(filt.get(c, c) for c in t).split())
compared = equal = 0
dis = []
for name in sorted(table):
    out = subprocess.run(['.build/debug/chachong', 'extract', '--format', 'json', folder + '/' + name], capture_output=True, text=True)
    doc = json.loads(out.stdout)['documents'][0]
    stories = {}
    def walk(blocks, key):
        for b in blocks:
            if b['type'] == 'paragraph': stories.setdefault(key, []).append(b['text'])
            else:
                for row in b['rows']:
                    for cell in row: walk(cell['blocks'], key)
    for part in doc['parts']:
        key = {'main': 'body', 'footnotes': 'footnotes', 'endnotes': 'endnotes'}.get(part['kind'])
        if part['kind'] == 'textboxes': key = 'headerTextboxes' if part['name'] == 'header-textboxes' else 'textboxes'
        if key: walk(part['blocks'], key)
    for story in ['body', 'footnotes', 'endnotes', 'textboxes', 'headerTextboxes']:
        want = norm(table[name].get(story) or ''); have = norm('\n'.join(stories.get(story, [])))
        if not want and not have: continue
        compared += 1
        if want == have: equal += 1
        else: dis.append((name, story, want[:80], have[:80]))
print(f'{equal}/{compared} stories agree ({equal/compared:.1%}) over {len(table)} files')
for d in dis: print('DIS', d)
