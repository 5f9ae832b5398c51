#!/usr/bin/env python3
"""Builds a large .jsonl corpus quickly by recombining sentences of a peerbench corpus.

usage: make_large_corpus.py SOURCE_DOCS_JSONL N OUT_JSONL [--seed S]

Document i keeps the line structure (header lines, section headings, paragraph lengths) of
source document i mod M, but every sentence of its paragraphs is drawn at random from the
pool of all source sentences, so documents are new text of the same length and vocabulary.
Header lines, headings and one-sentence paragraphs are drawn from the same line position of a
random source document, so documents that reuse a source's structure share no fixed lines.
Every 100th document (i % 100 == 50) is a planted copy of document i - 50 with 10 % of its
sentences replaced (a near duplicate the index must find). Not a substitute for peerbench's
ground truth: used only for the speed and size scaling of the index.
"""
import json
import random
import sys


def main() -> None:
    source, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--seed" else 20261129
    rng = random.Random(seed)
    templates, pool = [], []
    with open(source, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            lines = text.split("\n")
            shape = []
            for row in lines:
                sentences = [s for s in row.split("。") if s]
                if row.startswith("\u3000\u3000") and len(sentences) > 1:
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
                        parts.append("\u3000\u3000" + "。".join(sentences[cursor:cursor + row]) + "。")
                        cursor += row
                    else:
                        parts.append(row)
            else:
                parts, drawn, chosen = [], [], []
                for position, row in enumerate(templates[i % len(templates)]):
                    if isinstance(row, int):
                        picked = [choice(pool) for _ in range(row)]
                        drawn.extend(picked)
                        parts.append("\u3000\u3000" + "。".join(picked) + "。")
                        chosen.append(row)
                    else:
                        parts.append(choice(fixed_rows[position]) if row else row)
                        chosen.append(parts[-1])
                if i % 100 == 0:
                    kept[i] = (chosen, drawn)
            record = {"id": f"big{i:06d}", "text": "\n".join(parts)}
            f.write(json.dumps(record, ensure_ascii=False))
            f.write("\n")


if __name__ == "__main__":
    main()
