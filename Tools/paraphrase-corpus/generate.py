#!/usr/bin/env python3
"""Deterministic generator of the Chinese paraphrase corpus (Corpora/paraphrase/).

Sources are public-domain PRC regulations (Corpora/text/regulations). Each suspicious document is
new text (paragraphs of regulations that are not sources, with every sentence that resembles a
source sentence left out) with, for positive documents, one passage of a source document copied
under one transformation:

  identical     copied unchanged (control)
  synonym-30    30 % of the words the thesaurus knows swapped for a synonym (greedy longest match
  synonym-60    of the 2-4 character words of Corpora/paraphrase/thesaurus.tsv, a random synonym
  synonym-90    each; derived from the Chinese Open Wordnet)
  reorder       the sentences shuffled, and the clauses of every sentence with several clauses
                (split at ，) rotated
  split-merge   sentences with several clauses split in two at a ，; neighbouring short sentences
                merged with a ，
  third         a third of the source document, rewritten (synonym-60, reorder and split-merge),
                inside new text twice its length

Negative documents are new text only. Ground truth: one PAN-2011 XML per suspicious document
(`this_offset`/`this_length` and `source_offset`/`source_length` in Unicode code points,
`obfuscation` = the transformation), and truth.json with the same cases.

    python3 Tools/paraphrase-corpus/generate.py --seed 13 --out Corpora/paraphrase
"""
import argparse
import json
import pathlib
import random
import re

TRANSFORMATIONS = ["identical", "synonym-30", "synonym-60", "synonym-90", "reorder", "split-merge", "third"]
SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


def body(path):
    text = path.read_text(encoding="utf-8")
    if "<!-- INFO END -->" in text:
        text = text.split("<!-- INFO END -->", 1)[1]
    lines = [line.strip().replace("\u3000", "") for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#") and not line.startswith("<!--")]


def sentences(paragraph):
    return [s for s in SENTENCE.findall(paragraph) if s.strip()]


def bigrams(text):
    chars = re.findall(r"[\u4e00-\u9fff]", text)
    return {a + b for a, b in zip(chars, chars[1:])}


class Thesaurus:
    def __init__(self, path):
        self.synonyms = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, rest = line.partition("\t")
            self.synonyms[word] = sorted(set(rest.split("|")))

    def known(self, text):
        """Greedy longest matches (start, end) of thesaurus words, left to right."""
        matches = []
        index = 0
        while index < len(text):
            for length in (4, 3, 2):
                if text[index:index + length] in self.synonyms:
                    matches.append((index, index + length))
                    index += length
                    break
            else:
                index += 1
        return matches

    def swap(self, text, share, rng):
        matches = self.known(text)
        chosen = set(rng.sample(range(len(matches)), round(share * len(matches)))) if matches else set()
        pieces = []
        last = 0
        for number, (start, end) in enumerate(matches):
            if number in chosen:
                pieces.append(text[last:start])
                pieces.append(rng.choice(self.synonyms[text[start:end]]))
                last = end
        pieces.append(text[last:])
        return "".join(pieces)


def reorder(paragraphs, rng):
    result = []
    for paragraph in paragraphs:
        parts = sentences(paragraph)
        rotated = []
        for sentence in parts:
            end = sentence[-1] if sentence[-1] in "。！？；" else ""
            clauses = [c for c in sentence.rstrip("。！？；").split("，") if c]
            if len(clauses) >= 2:
                shift = rng.randrange(1, len(clauses))
                clauses = clauses[shift:] + clauses[:shift]
            rotated.append("，".join(clauses) + end)
        rng.shuffle(rotated)
        result.append("".join(rotated))
    rng.shuffle(result)
    return result


def split_merge(paragraphs, rng):
    result = []
    for paragraph in paragraphs:
        out = []
        for sentence in sentences(paragraph):
            end = sentence[-1] if sentence[-1] in "。！？；" else "。"
            clauses = [c for c in sentence.rstrip("。！？；").split("，") if c]
            if len(clauses) >= 3:
                cut = rng.randrange(1, len(clauses))
                out.append("，".join(clauses[:cut]) + "。")
                out.append("，".join(clauses[cut:]) + end)
            elif out and len(sentence) < 30 and out[-1].endswith("。") and rng.random() < 0.7:
                out[-1] = out[-1][:-1] + "，" + sentence
            else:
                out.append(sentence)
        result.append("".join(out))
    return result


def transform(kind, paragraphs, thesaurus, rng):
    if kind == "identical":
        return list(paragraphs)
    if kind.startswith("synonym-"):
        share = int(kind.split("-")[1]) / 100
        return [thesaurus.swap(p, share, rng) for p in paragraphs]
    if kind == "reorder":
        return reorder(paragraphs, rng)
    if kind == "split-merge":
        return split_merge(paragraphs, rng)
    if kind == "third":
        return split_merge(reorder([thesaurus.swap(p, 0.6, rng) for p in paragraphs], rng), rng)
    raise ValueError(kind)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", default="Corpora/paraphrase")
    parser.add_argument("--per-kind", type=int, default=8)
    parser.add_argument("--negatives", type=int, default=16)
    parser.add_argument("--sources", type=int, default=48)
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parents[2]
    rng = random.Random(args.seed)
    thesaurus = Thesaurus(root / "Corpora" / "paraphrase" / "thesaurus.tsv")
    documents = []
    for path in sorted((root / "Corpora" / "text" / "regulations").glob("*.md")):
        paragraphs = body(path)
        size = sum(len(p) for p in paragraphs)
        if 2500 <= size <= 12000:
            documents.append((path.stem, paragraphs))
    rng.shuffle(documents)
    sources = documents[:args.sources]
    fillers = documents[args.sources:]
    out = pathlib.Path(args.out)
    (out / "source-documents").mkdir(parents=True, exist_ok=True)
    (out / "suspicious-documents").mkdir(parents=True, exist_ok=True)
    source_texts = []
    source_bigrams = []
    for number, (name, paragraphs) in enumerate(sources, 1):
        # At most 6,000 characters of each source, whole paragraphs, to keep the corpus small.
        kept, size = [], 0
        for paragraph in paragraphs:
            if size + len(paragraph) > 6000:
                break
            kept.append(paragraph)
            size += len(paragraph) + 1
        text = "\n".join(kept)
        source_texts.append((f"source-{number:03d}.txt", name, kept, text))
        (out / "source-documents" / f"source-{number:03d}.txt").write_text(text, encoding="utf-8")
        for sentence in (s for p in kept for s in sentences(p)):
            source_bigrams.append(bigrams(sentence))
    index = {}
    for number, grams in enumerate(source_bigrams):
        for gram in grams:
            index.setdefault(gram, []).append(number)

    def resembles_a_source(sentence):
        grams = bigrams(sentence)
        if len(grams) < 3:
            return True
        shared = {}
        for gram in grams:
            for number in index.get(gram, ()):
                shared[number] = shared.get(number, 0) + 1
        return any(2 * count / (len(grams) + len(source_bigrams[n])) > 0.3 for n, count in shared.items())

    filler_paragraphs = []
    for _, paragraphs in fillers:
        for paragraph in paragraphs:
            kept = "".join(s for s in sentences(paragraph) if not resembles_a_source(s))
            if len(kept) >= 20:
                filler_paragraphs.append(kept)

    def new_text(characters):
        result, size = [], 0
        while size < characters:
            paragraph = filler_paragraphs[rng.randrange(len(filler_paragraphs))]
            result.append(paragraph)
            size += len(paragraph) + 1
        return result

    plan = [kind for kind in TRANSFORMATIONS for _ in range(args.per_kind)] + [None] * args.negatives
    rng.shuffle(plan)
    truth = []
    for number, kind in enumerate(plan, 1):
        name = f"suspicious-{number:03d}.txt"
        features = []
        if kind is None:
            paragraphs = new_text(rng.randrange(2000, 4000))
            text = "\n".join(paragraphs)
        else:
            source_name, regulation, kept, source_text = source_texts[rng.randrange(len(source_texts))]
            if kind == "third":
                count = max(1, len(kept) // 3)
            else:
                count = rng.randrange(2, 5)
            first = rng.randrange(0, max(1, len(kept) - count + 1))
            chosen = kept[first:first + count]
            source_offset = sum(len(p) + 1 for p in kept[:first])
            source_length = sum(len(p) for p in chosen) + len(chosen) - 1
            assert source_text[source_offset:source_offset + source_length] == "\n".join(chosen)
            rewritten = transform(kind, chosen, thesaurus, rng)
            copied = "\n".join(rewritten)
            before_size = 2 * len(copied) // 2 if kind == "third" else rng.randrange(600, 2000)
            after_size = 2 * len(copied) // 2 if kind == "third" else rng.randrange(600, 2000)
            before = "\n".join(new_text(before_size))
            after = "\n".join(new_text(after_size))
            text = before + "\n" + copied + "\n" + after
            this_offset = len(before) + 1
            features.append({
                "obfuscation": kind, "this_offset": this_offset, "this_length": len(copied),
                "source_reference": source_name, "source_offset": source_offset,
                "source_length": source_length, "regulation": regulation,
            })
        (out / "suspicious-documents" / name).write_text(text, encoding="utf-8")
        xml = ['<?xml version="1.0" encoding="UTF-8"?>', f'<document reference="{name}">']
        for feature in features:
            xml.append(
                '\t<feature name="plagiarism" type="artificial" obfuscation="{obfuscation}" '
                'this_offset="{this_offset}" this_length="{this_length}" source_reference="{source_reference}" '
                'source_offset="{source_offset}" source_length="{source_length}"/>'.format(**feature))
        xml.append("</document>")
        (out / "suspicious-documents" / name.replace(".txt", ".xml")).write_text("\n".join(xml) + "\n", encoding="utf-8")
        truth.append({"suspicious": name, "cases": features})
    summary = {
        "generator": "Tools/paraphrase-corpus/generate.py", "seed": args.seed, "perKind": args.per_kind,
        "negatives": args.negatives, "sources": [{"file": f, "regulation": r} for f, r, _, _ in source_texts],
        "suspicious": truth,
    }
    (out / "truth.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
