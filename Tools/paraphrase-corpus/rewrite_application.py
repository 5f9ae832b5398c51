#!/usr/bin/env python3
"""A whole application rewritten as a '降重' tool would (issue 13): every paragraph of an archived
application's body put through the paraphrase corpus's transformations (Tools/paraphrase-corpus/
generate.py: synonym swaps from Corpora/paraphrase/thesaurus.tsv, clause rotation and sentence
shuffling, split and merged sentences), headings kept, under a new title and another
organisation's form fields. Deterministic (seed 5).

    chachong extract --format json Corpora/sample/archive/QZ2020-001.docx > /tmp/QZ2020-001.json
    python3 Tools/paraphrase-corpus/rewrite_application.py /tmp/QZ2020-001.json synonym-60 \
        Corpora/rewritten/RW-60.txt
(the transformations comma-separated, applied in order: synonym-60,reorder,split-merge)
"""
import json
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import generate  # noqa: E402

HEAD = """项目名称：面向工业互联网的可信访问控制平台研发
申报单位：南通启航网络技术有限公司
项目负责人：李明
学历：博士
指南编号：1003
研发总投入：300万元
申请资助：100万元
"""
HEADINGS = ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "（一）", "（二）", "（三）", "（四）")


def main():
    extracted, kinds, out = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
    root = pathlib.Path(__file__).parent.parent.parent
    thesaurus = generate.Thesaurus(root / "Corpora/paraphrase/thesaurus.tsv")
    blocks = json.load(open(extracted, encoding="utf-8"))["documents"][0]["parts"][0]["blocks"]
    paragraphs = [block["text"] for block in blocks if block.get("type") == "paragraph"]
    body = paragraphs[next(i for i, p in enumerate(paragraphs) if p.startswith("一、")):]
    rng = random.Random(5)
    result = []
    for paragraph in body:
        if paragraph.startswith(HEADINGS) and len(paragraph) < 30:
            result.append(paragraph)
            continue
        text = [paragraph]
        for kind in kinds:
            text = generate.transform(kind, text, thesaurus, rng)
        result.append("".join(text))
    pathlib.Path(out).write_text(HEAD + "\n".join(result) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
