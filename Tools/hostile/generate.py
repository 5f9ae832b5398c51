#!/usr/bin/env python3
"""Writes chachong's hostile test cases (issue 11) into a folder, with cases.json describing each.

Python's standard library only: zipfile and struct write raw zip structures (overlapping entries,
lying sizes, bad CRCs) in a few lines, os.mkfifo/os.symlink/os.truncate make special and sparse
files, sqlite3 tampers with an index, and there is nothing to compile, so the suite's time goes
to running chachong. Every case is small on disk: size limits are reached with sparse files or
highly compressible zips. Deterministic: the same folder every run.

  generate.py OUT            write every case into OUT (OUT/docs, OUT/tables, cases.json)
  generate.py tamper INDEX   damage a copy of an index in place (see tamper_index)
"""

import json
import os
import sqlite3
import struct
import sys
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="' + REL + '/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
).encode()

GOOD_TEXT = "一、项目概述\n" + "本项目面向南通市智能制造需求，研究柔性产线的调度方法与质量追溯系统。" * 20 + "\n"


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="' + W + '"><w:body>'
            + body + "</w:body></w:document>").encode()


def paragraph(text):
    return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"


def docx(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)


def good_docx(path, text):
    docx(path, [("_rels/.rels", PKG_RELS),
                ("word/document.xml", document("".join(paragraph(line) for line in text.split("\n") if line)))])


# -- raw zip writing ---------------------------------------------------------------------------

def local_header(name, crc, compressed, uncompressed, method=8):
    name = name.encode()
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, compressed, uncompressed,
                       len(name), 0) + name


def central_header(name, crc, compressed, uncompressed, offset, method=8):
    name = name.encode()
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, compressed,
                       uncompressed, len(name), 0, 0, 0, 0, 0, offset) + name


def end_record(count, size, offset):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, offset, 0)


def deflate(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def raw_zip(entries, central=None):
    """entries: (name, data, crc_override, declared_size_override); central: (name, entry index)."""
    out = bytearray()
    info = []
    for name, data, crc, declared in entries:
        packed = deflate(data)
        real_crc = zlib.crc32(data) if crc is None else crc
        size = len(data) if declared is None else declared
        info.append((out.__len__(), real_crc, len(packed), size))
        out += local_header(name, real_crc, len(packed), size) + packed
    start = len(out)
    rows = central if central is not None else [(entries[i][0], i) for i in range(len(entries))]
    for name, index in rows:
        offset, crc, compressed, size = info[index]
        out += central_header(name, crc, compressed, size, offset)
    out += end_record(len(rows), len(out) - start, start)
    return bytes(out)


def fifield_overlap(path):
    """David Fifield's overlapping-entry bomb: every central entry shares one deflated kernel."""
    kernel = document(paragraph("重叠") + "<w:p/>" * 200_000)
    packed = deflate(kernel)
    crc = zlib.crc32(kernel)
    out = bytearray(local_header("_rels/.rels", zlib.crc32(PKG_RELS), len(deflate(PKG_RELS)), len(PKG_RELS)))
    out += deflate(PKG_RELS)
    kernel_offset = len(out)
    out += local_header("word/document.xml", crc, len(packed), len(kernel)) + packed
    start = len(out)
    out += central_header("_rels/.rels", zlib.crc32(PKG_RELS), len(deflate(PKG_RELS)), len(PKG_RELS), 0)
    names = ["word/document.xml"] + ["word/header%d.xml" % i for i in range(1, 2000)]
    for name in names:
        out += central_header(name, crc, len(packed), len(kernel), kernel_offset)
    out += end_record(len(names) + 1, len(out) - start, start)
    open(path, "wb").write(out)


def zip64_bad_locator(path):
    good = raw_zip([("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", document(paragraph("x")), None, None)])
    eocd = good.rfind(struct.pack("<I", 0x06054B50))
    locator = struct.pack("<IIQI", 0x07064B50, 0, 2 ** 40, 1)
    open(path, "wb").write(good[:eocd] + locator + good[eocd:])


# -- resident ID numbers ------------------------------------------------------------------------

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(body17):
    total = sum(int(d) * w for d, w in zip(body17, WEIGHTS))
    return body17 + "10X98765432"[total % 11]


def id_forms():
    """The same person's number in every way people write it, and a 15-digit old number."""
    number = resident_id("32060219850312041")
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "Ｘ" if c == "X" else c for c in number)
    return {
        "plain": number,
        "full-width": full_width,
        "spaced": number[:6] + " " + number[6:14] + " " + number[14:],
        "dashed": number[:6] + "-" + number[6:14] + "-" + number[14:],
        "fifteen-digit": number[:6] + number[8:17],
    }


# -- the cases -----------------------------------------------------------------------------------

def write_cases(out):
    docs = os.path.join(out, "docs")
    tables = os.path.join(out, "tables")
    special = os.path.join(out, "special")
    for folder in (docs, tables, special):
        os.makedirs(folder, exist_ok=True)
    cases = []

    def case(name, path, expect, reason, commands=("extract", "batch")):
        cases.append({"name": name, "path": os.path.relpath(path, out), "expect": expect, "reason": reason,
                      "commands": list(commands)})

    def doc(name):
        return os.path.join(docs, name)

    # Good documents: the batch around the hostile ones must still be checked.
    for index in (1, 2):
        good_docx(doc("good-%d.docx" % index), GOOD_TEXT.replace("南通", "南通%d" % index))
    with open(doc("good-3.txt"), "w", encoding="utf-8") as handle:
        handle.write(GOOD_TEXT.replace("柔性", "刚性"))

    # Zip bombs.
    fifield_overlap(doc("zip-overlap.docx"))
    case("zip-overlap", doc("zip-overlap.docx"), "error", "overlapping entries")
    docx(doc("zip-ratio.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", document(" " * 20_000_000))])
    case("zip-ratio", doc("zip-ratio.docx"), "error", "inflates more than 200:1")
    open(doc("zip-declared.docx"), "wb").write(raw_zip(
        [("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", document(paragraph("x")), None, 300_000_000)]))
    case("zip-declared", doc("zip-declared.docx"), "error", "declares 300000000 bytes")
    lying = document(paragraph("谎报") * 5000)
    open(doc("zip-lying-size.docx"), "wb").write(raw_zip(
        [("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", lying, None, 1000)]))
    case("zip-lying-size", doc("zip-lying-size.docx"), "error", "beyond its declared 1000 bytes")
    open(doc("zip-crc.docx"), "wb").write(raw_zip(
        [("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", document(paragraph("校验")), 0x12345678, None)]))
    case("zip-crc", doc("zip-crc.docx"), "error", "CRC-32 mismatch")
    open(doc("zip-duplicate.docx"), "wb").write(raw_zip(
        [("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", document(paragraph("正本")), None, None),
         ("word/document.xml", document(paragraph("副本")), None, None)]))
    case("zip-duplicate", doc("zip-duplicate.docx"), "error", "two entries named word/document.xml")
    entries = [("_rels/.rels", PKG_RELS, None, None), ("word/document.xml", document(paragraph("多")), None, None)]
    entries += [("e/%05d" % i, b"", None, None) for i in range(10_500)]
    open(doc("zip-many-entries.docx"), "wb").write(raw_zip(entries))
    case("zip-many-entries", doc("zip-many-entries.docx"), "error", "limit 10000")
    good = open(doc("good-1.docx"), "rb").read()
    open(doc("zip-truncated.docx"), "wb").write(good[: len(good) // 2])
    case("zip-truncated", doc("zip-truncated.docx"), "error", "corrupt zip")
    zip64_bad_locator(doc("zip-zip64-locator.docx"))
    case("zip-zip64-locator", doc("zip-zip64-locator.docx"), "error", "ZIP64")
    inner = open(doc("good-2.docx"), "rb").read()
    docx(doc("zip-nested.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", inner)])
    case("zip-nested", doc("zip-nested.docx"), "error", "malformed XML")

    # XML depth, width, namespaces, attributes, entities.
    deep = "<w:tbl><w:tr><w:tc>" * 20_000 + paragraph("深") + "</w:tc></w:tr></w:tbl>" * 20_000
    docx(doc("xml-deep-tables.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", document(deep))])
    case("xml-deep-tables", doc("xml-deep-tables.docx"), "error", "nested deeper than 256")
    open(doc("xml-deep-elements.xml"), "wb").write(document("<w:sdt>" * 100_000 + "</w:sdt>" * 100_000))
    case("xml-deep-elements", doc("xml-deep-elements.xml"), "error", "nested deeper than 256")
    nested40 = "<w:tbl><w:tr><w:tc>" * 40 + paragraph("四十层表格里的正文内容") + "</w:tc></w:tr></w:tbl>" * 40
    docx(doc("xml-tables-40.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", document(nested40))])
    case("xml-tables-40", doc("xml-tables-40.docx"), "ok", "四十层表格里的正文内容")
    docx(doc("xml-empty-paragraphs.docx"),
         [("_rels/.rels", PKG_RELS), ("word/document.xml", document(paragraph("空") + "<w:p/>" * 10_000_000))])
    case("xml-empty-paragraphs", doc("xml-empty-paragraphs.docx"), "error", "paragraphs")
    wide = "".join('<w:p w:rsidR="%08X"/>' % ((i * 2654435761) % 2 ** 32) for i in range(600_000))
    docx(doc("xml-wide.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", document(paragraph("宽") + wide))])
    case("xml-wide", doc("xml-wide.docx"), "error", "more than 500000 paragraphs")
    declarations = "".join(' xmlns:n%d="urn:n%d"' % (i, i) for i in range(330_000))
    open(doc("xml-namespace-bomb.xml"), "wb").write(
        ('<w:document xmlns:w="' + W + '"' + declarations + "><w:body>" + paragraph("命名空间")
         + "</w:body></w:document>").encode())
    case("xml-namespace-bomb", doc("xml-namespace-bomb.xml"), "error", "attributes or namespace declarations")
    attributes = "".join(' a%d="1"' % i for i in range(100_000))
    docx(doc("xml-attribute-bomb.docx"),
         [("_rels/.rels", PKG_RELS), ("word/document.xml", document("<w:p" + attributes + "/>" + paragraph("属性")))])
    case("xml-attribute-bomb", doc("xml-attribute-bomb.docx"), "error", "attributes or namespace declarations")
    laughs = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + "]>"
    open(doc("xml-billion-laughs.xml"), "wb").write(
        (laughs + '<w:document xmlns:w="' + W + '"><w:body>' + paragraph("&j;") + "</w:body></w:document>").encode())
    case("xml-billion-laughs", doc("xml-billion-laughs.xml"), "error", "entit")
    xxe = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<w:document xmlns:w="' + W + '"><w:body>' + paragraph("&x;") + "</w:body></w:document>")
    open(doc("xml-xxe.xml"), "wb").write(xxe.encode())
    case("xml-xxe", doc("xml-xxe.xml"), "error", "entit")
    docx(doc("xml-xxe.docx"), [("_rels/.rels", PKG_RELS), ("word/document.xml", xxe.encode())])
    case("xml-xxe-docx", doc("xml-xxe.docx"), "error", "entit")
    parameter = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
                 '<w:document xmlns:w="' + W + '"><w:body>' + paragraph("参数实体") + "</w:body></w:document>")
    open(doc("xml-parameter-entity.xml"), "wb").write(parameter.encode())
    case("xml-parameter-entity", doc("xml-parameter-entity.xml"), "error", "entit")
    external = ('<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">'
                '<w:document xmlns:w="' + W + '"><w:body>' + paragraph("外部DTD不加载") + "</w:body></w:document>")
    open(doc("xml-external-dtd.xml"), "wb").write(external.encode())
    case("xml-external-dtd", doc("xml-external-dtd.xml"), "ok", "外部DTD不加载")

    # Huge lines, sparse files, empty files, NUL bytes, encodings, names.
    with open(doc("txt-sparse.txt"), "wb") as handle:
        handle.truncate(2 * 2 ** 30)
    case("txt-sparse", doc("txt-sparse.txt"), "error", "limit 209715200")
    with open(doc("txt-empty-lines.txt"), "wb") as handle:
        handle.write(b"\n" * 10_000_000 + "尾".encode())
    case("txt-empty-lines", doc("txt-empty-lines.txt"), "error", "more than 500000 lines")
    with open(doc("txt-long-line.txt"), "wb") as handle:
        handle.write(("长" * 3_000_000).encode())
    case("txt-long-line", doc("txt-long-line.txt"), "error", "a line is longer than")
    open(doc("txt-empty.txt"), "wb").close()
    case("txt-empty", doc("txt-empty.txt"), "error", "holds no text")
    open(doc("xml-empty.xml"), "wb").close()
    case("xml-empty", doc("xml-empty.xml"), "error", "holds no text")
    with open(doc("txt-nul.txt"), "wb") as handle:
        handle.write(("正文" * 3000).encode() + b"\x00" + "尾".encode())
    case("txt-nul", doc("txt-nul.txt"), "error", "NUL byte")
    with open(doc("txt-gbk-phrase.txt"), "wb") as handle:
        handle.write(("项目申报书正文" * 10).encode() + "中文".encode("gbk") + "结尾".encode())
    case("txt-gbk-phrase", doc("txt-gbk-phrase.txt"), "ok", "项目申报书正文")
    forged = doc("evil\nERROR: forged line\x1b[31m.txt")
    open(forged, "wb").close()
    case("control-characters-in-name", forged, "error", "evil\\nERROR: forged line\\u{1B}[31m.txt")

    # Special files: read through links, refused otherwise, never a hang.
    os.mkfifo(os.path.join(special, "pipe.docx"))
    case("fifo", os.path.join(special, "pipe.docx"), "error", "FIFO")
    os.symlink("/nonexistent/target.docx", os.path.join(special, "broken.docx"))
    case("broken-link", os.path.join(special, "broken.docx"), "error", "broken symbolic link")
    os.symlink("/dev/zero", os.path.join(special, "zero.txt"))
    case("device-link", os.path.join(special, "zero.txt"), "error", "device")
    os.symlink(os.path.abspath(doc("good-1.docx")), os.path.join(special, "linked.docx"))
    case("symlinked-docx", os.path.join(special, "linked.docx"), "ok", "柔性产线")
    os.symlink(os.path.abspath(docs), os.path.join(out, "docs-link"))
    with open(os.path.join(special, "sparse.jsonl"), "wb") as handle:
        handle.truncate(256 * 2 ** 20)
    case("jsonl-sparse", os.path.join(special, "sparse.jsonl"), "error", "line longer than", commands=("ingest",))

    # Tables.
    with open(os.path.join(tables, "manifest-unclosed.csv"), "w", encoding="utf-8") as handle:
        handle.write("文件,项目名称\ngood-1.docx,甲\n\"good-2.docx,乙\ngood-3.txt,丙\n")
    case("csv-unclosed-quote", os.path.join(tables, "manifest-unclosed.csv"), "error", "line 3",
         commands=("manifest",))
    spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = ('<worksheet xmlns="' + spreadsheet + '"><sheetData><row r="1"><c t="inlineStr"><is><t>文件</t></is></c>'
             '</row><row r="9223372036854775807"><c t="inlineStr"><is><t>x</t></is></c></row><row>'
             '<c t="inlineStr"><is><t>y</t></is></c></row></sheetData></worksheet>')
    workbook_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'relationships"><Relationship Id="rId1" Type="' + REL + '/worksheet" '
                     'Target="worksheets/sheet1.xml"/></Relationships>')
    docx(os.path.join(tables, "manifest-rows.xlsx"), [
        ("_rels/.rels", PKG_RELS.replace(b"word/document.xml", b"xl/workbook.xml")),
        ("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
                            "</sheets></workbook>" % (spreadsheet, REL)),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/worksheets/sheet1.xml", sheet)])
    case("xlsx-row-overflow", os.path.join(tables, "manifest-rows.xlsx"), "error", "row number 9223372036854775807",
         commands=("manifest",))

    # ID numbers in every written form (the masking itself is issue 11's item 5).
    forms = id_forms()
    with open(os.path.join(out, "id-forms.txt"), "w", encoding="utf-8") as handle:
        handle.write("一、项目负责人\n" + "".join("身份证号（%s）：%s\n" % (k, v) for k, v in forms.items())
                     + GOOD_TEXT)
    with open(os.path.join(out, "cases.json"), "w", encoding="utf-8") as handle:
        json.dump({"cases": cases, "idForms": forms, "goodDocuments": ["docs/good-1.docx", "docs/good-2.docx",
                   "docs/good-3.txt"]}, handle, ensure_ascii=False, indent=1, sort_keys=True)


def tamper_index(directory):
    """Writes two damaged copies of the index in `directory`: signature-size (signatureSize 10^9 in
    the stored parameters) and bad-row (one document's signature cut short)."""
    import shutil
    source = os.path.join(directory, "chachong-index.sqlite")
    results = {}
    for name in ("signature-size", "bad-row"):
        target = os.path.join(directory + "-" + name)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        database = os.path.join(target, "chachong-index.sqlite")
        with sqlite3.connect(source) as original, sqlite3.connect(database) as copy:
            original.backup(copy)
        key = os.path.join(directory, "lead-id.key")
        if os.path.exists(key):  # the ID-hash key file belongs to the index (schema 3)
            shutil.copy2(key, os.path.join(target, "lead-id.key"))
        with sqlite3.connect(database) as connection:
            if name == "signature-size":
                (text,) = connection.execute("SELECT value FROM meta WHERE key = 'parameters'").fetchone()
                parameters = json.loads(text)
                parameters["fingerprint"]["signatureSize"] = 10 ** 9
                connection.execute("UPDATE meta SET value = ? WHERE key = 'parameters'",
                                   (json.dumps(parameters, sort_keys=True),))
            else:
                connection.execute("UPDATE documents SET signature = substr(signature, 1, 5)")
        connection.close()
        results[name] = target
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "tamper":
        tamper_index(sys.argv[2])
    elif len(sys.argv) == 2:
        write_cases(sys.argv[1])
    else:
        sys.exit(__doc__)
