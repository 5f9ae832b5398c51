#!/usr/bin/env python3
"""Builds a large .jsonl corpus quickly by recombining sentences of a peerbench corpus.

usage: make_large_corpus.py SOURCE_DOCS_JSONL N OUT_JSONL [--seed S] [--id-prefix P]
                            [--paragraphs indented|sentences]

`--paragraphs indented` (default, peerbench's layout): a paragraph is a line that starts with
two ideographic spaces and holds more than one sentence. `--paragraphs sentences`
(chachong-corpus's layout, no indentation): any line holding two or more sentences ending in
"。"; the other fields of each record (metadata) are then copied from its template document.

Document i keeps the line structure (header lines, section headings, paragraph lengths) of
source document i mod M, but every sentence of its paragraphs is drawn at random from the
pool of all source sentences, so documents are new text of the same length and vocabulary.
Header lines, headings and one-sentence paragraphs are drawn from the same line position of a
random source document, so documents that reuse a source's structure share no fixed lines.
Every 100th document (i % 100 == 50) is a planted copy of document i - 50 with 10 % of its
sentences replaced (a near duplicate the index must find). Not a substitute for peerbench's
ground truth: used only for the speed and size scaling of the index.
"""
import argparse
import json
import random


def is_paragraph(row: str, sentences: list, layout: str) -> bool:
    if layout == "sentences":
        return len(sentences) > 1 and row.endswith("。")
    return row.startswith("\u3000\u3000") and len(sentences) > 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--id-prefix", default="big")
    parser.add_argument("--paragraphs", choices=("indented", "sentences"), default="indented")
    args = parser.parse_args()
    source, n, out, layout = args.source, args.n, args.out, args.paragraphs
    indent = "\u3000\u3000" if layout == "indented" else ""
    rng = random.Random(args.seed)
    templates, pool, metadata = [], [], []
    with open(source, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record.pop("text")
            record.pop("id", None)
            metadata.append(record if layout == "sentences" else {})
            lines = text.split("\n")
            shape = []
            for row in lines:
                sentences = [s for s in row.split("。") if s]
                if is_paragraph(row, sentences, layout):
                    pool.extend(s.lstrip("\u3000") for s in sentences)
                    shape.append(len(sentences))
                else:
                    shape.append(row)
            templates.append(shape)
    choice = rng.choice
    fixed_rows = {}
    for shape in templates:
        for position, row in enumerate(shape):
            if not isinstance(row, int):
                fixed_rows.setdefault(position, []).append(row)
    kept = {}
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 100 == 50 and (i - 50) in kept:
                chosen, sentences = kept.pop(i - 50)
                sentences = list(sentences)
                for _ in range(len(sentences) // 10):
                    sentences[rng.randrange(len(sentences))] = choice(pool)
                parts, cursor = [], 0
                for row in chosen:
                    if isinstance(row, int):
                        parts.append(indent + "。".join(sentences[cursor:cursor + row]) + "。")
                        cursor += row
                    else:
                        parts.append(row)
            else:
                parts, drawn, chosen = [], [], []
                for position, row in enumerate(templates[i % len(templates)]):
                    if isinstance(row, int):
                        picked = [choice(pool) for _ in range(row)]
                        drawn.extend(picked)
                        parts.append(indent + "。".join(picked) + "。")
                        chosen.append(row)
                    else:
                        parts.append(choice(fixed_rows[position]) if row else row)
                        chosen.append(parts[-1])
                if i % 100 == 0:
                    kept[i] = (chosen, drawn)
            record = {"id": f"{args.id_prefix}{i:06d}"}
            record.update(metadata[i % len(metadata)])
            if "file" in record:
                record["file"] = f"archive/{record['id']}.docx"
            record["text"] = "\n".join(parts)
            f.write(json.dumps(record, ensure_ascii=False))
            f.write("\n")


if __name__ == "__main__":
    main()
