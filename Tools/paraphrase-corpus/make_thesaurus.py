#!/usr/bin/env python3
"""Derive Corpora/paraphrase/thesaurus.tsv from the Chinese Open Wordnet (COW).

Input: `wns/cow/wn-data-cmn.tab` of omwn/omw-data (Chinese Open Wordnet, Francis Bond and Shan
Wang 2013-2014, WordNet-style licence that allows redistribution with its notice; the notice is
Corpora/paraphrase/LICENSE-COW.txt). Output: one line per word, `word<TAB>synonym|synonym|...`,
for the words of 2-4 Chinese characters that occur in Corpora/text/regulations and share a synset
with at least one other such lemma. Deterministic (sorted).

    python3 Tools/paraphrase-corpus/make_thesaurus.py wn-data-cmn.tab > Corpora/paraphrase/thesaurus.tsv
"""
import collections
import pathlib
import re
import sys

CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def corpus_words(root):
    seen = set()
    for path in sorted(root.glob("*.md")):
        for run in re.findall(r"[\u4e00-\u9fff]+", path.read_text(encoding="utf-8")):
            for length in (2, 3, 4):
                for start in range(len(run) - length + 1):
                    seen.add(run[start:start + length])
    return seen


def main():
    tab = pathlib.Path(sys.argv[1])
    root = pathlib.Path(__file__).resolve().parents[2] / "Corpora" / "text" / "regulations"
    synsets = collections.defaultdict(set)
    for line in tab.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].endswith(":lemma"):
            continue
        lemma = parts[2].replace("+的", "").replace("+地", "").replace("+", "").strip()
        if CJK.match(lemma):
            synsets[parts[0]].add(lemma)
    known = corpus_words(root)
    synonyms = collections.defaultdict(set)
    for lemmas in synsets.values():
        if len(lemmas) < 2:
            continue
        for word in lemmas:
            if word in known:
                synonyms[word].update(lemmas - {word})
    for word in sorted(synonyms):
        print(word + "\t" + "|".join(sorted(synonyms[word])))


if __name__ == "__main__":
    main()
