// bench-extract: throughput and robustness runs of the DocumentText reader (not part of CI).
//
//   bench-extract xml [MB] [RUNS]       parse a generated document.xml (Chinese paragraphs and tables)
//   bench-extract docx DIR [RUNS]       docx files per second over the .docx files of DIR
//   bench-extract formats DIR [RUNS]    .doc beside .docx: files/s, input MB/s, extracted-text MB/s for
//                                       the files of DIR with each extension (same documents, both formats)
//   bench-extract corpus DIR [LIST]     read every file under DIR (or those named in the first column
//                                       of the TSV LIST, relative to DIR); counts by outcome, slowest
import DocumentText
import Foundation
import ZIPFoundation

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds of this process for `body`: on a shared machine wall time counts other jobs too.
func cpuSeconds(_ body: () -> Void) -> Double {
  func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
  let start = now()
  body()
  return now() - start
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// A WordprocessingML body of about `megabytes` MB: headings, paragraphs of varied Chinese text in
/// several runs, and a table every few paragraphs.
func generatedDocumentXML(megabytes: Double) -> [UInt8] {
  let phrases = [
    "本项目针对区域产业升级中的关键技术问题，", "开展系统的理论分析与实验验证，", "研究内容包括材料制备、结构设计与性能评价，",
    "拟采用数值模拟与试验相结合的技术路线，", "预期形成具有自主知识产权的核心技术，", "申请发明专利三项，发表高水平论文五篇，",
    "项目团队具有良好的研究基础和工作条件，", "经费预算合理，进度安排可行。",
  ]
  let header = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
    """
  var xml = header
  let target = Int(megabytes * 1_000_000)
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  var paragraph = 0
  while xml.utf8.count < target {
    paragraph += 1
    if paragraph % 40 == 1 {
      xml +=
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>第\(paragraph / 40 + 1)章 研究内容</w:t></w:r></w:p>"
    }
    if paragraph % 12 == 0 {
      xml += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
      for row in 0..<4 {
        xml += "<w:tr>"
        for column in 0..<3 {
          xml += "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>"
          xml += "单元格\(row)-\(column) \(phrases[next() % phrases.count])</w:t></w:r></w:p></w:tc>"
        }
        xml += "</w:tr>"
      }
      xml += "</w:tbl>"
    }
    xml += "<w:p><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"480\"/></w:pPr>"
    for _ in 0..<(3 + next() % 4) {
      xml +=
        "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/><w:sz w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">"
      xml += phrases[next() % phrases.count] + phrases[next() % phrases.count]
      xml += "</w:t></w:r>"
    }
    xml += "</w:p>"
  }
  xml += "<w:sectPr/></w:body></w:document>"
  return Array(xml.utf8)
}

func docx(containing documentXML: [UInt8]) throws -> [UInt8] {
  let archive = try Archive(accessMode: .create)
  let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Override PartName="/word/document.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """
  let rels = """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="word/document.xml"/></Relationships>
    """
  for (name, bytes) in [
    ("[Content_Types].xml", Array(contentTypes.utf8)), ("_rels/.rels", Array(rels.utf8)),
    ("word/document.xml", documentXML),
  ] {
    let data = Data(bytes)
    try archive.addEntry(
      with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
  }
  return [UInt8](archive.data ?? Data())
}

func benchXML(megabytes: Double, runs: Int) throws {
  let xml = generatedDocumentXML(megabytes: megabytes)
  let reader = DocumentReader()
  let mb = Double(xml.count) / 1_000_000
  var characters = 0
  var xmlTimes: [Double] = []
  var xmlCPU: [Double] = []
  for _ in 0..<runs {
    var cpu = 0.0
    xmlTimes.append(
      seconds {
        cpu = cpuSeconds {
          characters = (try? TextLayout(reader.read(data: xml, name: "document.xml")).paragraphs.count) ?? -1
        }
      })
    xmlCPU.append(cpu)
  }
  let packed = try docx(containing: xml)
  var docxTimes: [Double] = []
  var docxCPU: [Double] = []
  for _ in 0..<runs {
    var cpu = 0.0
    docxTimes.append(
      seconds { cpu = cpuSeconds { _ = try? TextLayout(reader.read(data: packed, name: "generated.docx")) } })
    docxCPU.append(cpu)
  }
  print(String(format: "document.xml %.2f MB, %d paragraphs extracted, %d runs", mb, characters, runs))
  print(
    String(
      format: "bare document.xml: median %.1f ms = %.1f MB/s (best %.1f MB/s)", median(xmlTimes) * 1000,
      mb / median(xmlTimes), mb / (xmlTimes.min() ?? 1)))
  print(
    String(
      format: "bare document.xml, CPU time: median %.1f ms = %.1f MB/s per core", median(xmlCPU) * 1000,
      mb / median(xmlCPU)))
  print(
    String(
      format: "same as .docx (%.2f MB zipped): median %.1f ms = %.1f MB/s of document.xml",
      Double(packed.count) / 1_000_000, median(docxTimes) * 1000, mb / median(docxTimes)))
  print(
    String(
      format: "same as .docx, CPU time: median %.1f ms = %.1f MB/s of document.xml per core",
      median(docxCPU) * 1000,
      mb / median(docxCPU)))
}

func files(under directory: String) -> [String] {
  let root = URL(fileURLWithPath: directory)
  guard
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
  else { return [] }
  var paths: [String] = []
  for case let url as URL in enumerator
  where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
    paths.append(url.path)
  }
  return paths.sorted()
}

func benchDocx(directory: String, runs: Int) {
  let paths = files(under: directory).filter { $0.lowercased().hasSuffix(".docx") }
  let reader = DocumentReader()
  var times: [Double] = []
  var cpuTimes: [Double] = []
  var failures = 0
  for _ in 0..<runs {
    failures = 0
    var cpu = 0.0
    times.append(
      seconds {
        cpu = cpuSeconds {
          for path in paths {
            if let document = try? reader.read(path: path) { _ = TextLayout(document) } else { failures += 1 }
          }
        }
      })
    cpuTimes.append(cpu)
  }
  print(
    String(
      format: "%d .docx files (%d unreadable), median %.1f ms per pass = %.1f files/s (%d runs)", paths.count,
      failures, median(times) * 1000, Double(paths.count) / median(times), runs))
  print(
    String(
      format: "CPU time: median %.1f ms per pass = %.1f files/s per core", median(cpuTimes) * 1000,
      Double(paths.count) / median(cpuTimes)))
}

/// Reads every file of `paths` `repeats` times per pass: files/s, MB/s of input and of extracted
/// text (UTF-8 bytes of `TextLayout.text`), wall and CPU medians over `runs` passes.
func benchFormat(_ label: String, paths: [String], runs: Int) {
  let reader = DocumentReader()
  let inputBytes = paths.reduce(0) {
    $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
  }
  let textBytes = paths.reduce(0) { total, path in
    total + ((try? reader.read(path: path)).map { TextLayout($0).text.utf8.count } ?? 0)
  }
  // Small files: repeat each pass until it takes about a quarter of a second.
  var repeats = 1
  while seconds({ for path in paths { _ = try? reader.read(path: path) } }) * Double(repeats) < 0.25 {
    repeats *= 2
  }
  var times: [Double] = []
  var cpuTimes: [Double] = []
  for _ in 0..<runs {
    var cpu = 0.0
    times.append(
      seconds {
        cpu = cpuSeconds {
          for _ in 0..<repeats {
            for path in paths { if let document = try? reader.read(path: path) { _ = TextLayout(document) } }
          }
        }
      } / Double(repeats))
    cpuTimes.append(cpu / Double(repeats))
  }
  let wall = median(times)
  let cpu = median(cpuTimes)
  print(
    String(
      format: "%@: %d files, %.3f MB in, %.3f MB text; median %.2f ms per pass (%d runs × %d)", label,
      paths.count, Double(inputBytes) / 1e6, Double(textBytes) / 1e6, wall * 1000, runs, repeats))
  print(
    String(
      format:
        "  wall: %.0f files/s, %.1f MB/s in, %.2f MB/s text; CPU: %.0f files/s, %.2f MB/s text per core",
      Double(paths.count) / wall, Double(inputBytes) / 1e6 / wall, Double(textBytes) / 1e6 / wall,
      Double(paths.count) / cpu, Double(textBytes) / 1e6 / cpu))
}

func corpus(directory: String, list: String?) {
  let reader = DocumentReader()
  var counts: [String: Int] = [:]
  var timings: [(Double, String)] = []
  var examples: [String: [String]] = [:]
  var paths = files(under: directory)
  if let list, let table = try? String(contentsOfFile: list, encoding: .utf8) {
    paths = table.split(separator: "\n").dropFirst().compactMap { line in
      line.split(separator: "\t").first.map { directory + "/" + $0 }
    }
  }
  let total = seconds {
    for path in paths {
      var outcome = "ok"
      let time = seconds {
        do throws(DocumentReadError) {
          let document = try reader.read(path: path)
          _ = TextLayout(document)
          outcome = "ok \(document.format.rawValue)"
        } catch {
          outcome = error.kind
          examples[outcome, default: []].append(error.description)
        }
      }
      counts[outcome, default: 0] += 1
      timings.append((time, path))
    }
  }
  print("\(paths.count) files in \(String(format: "%.2f", total)) s")
  for (outcome, count) in counts.sorted(by: { $0.key < $1.key }) {
    print("  \(outcome): \(count)")
    for example in (examples[outcome] ?? []).prefix(40) { print("      \(example)") }
  }
  print("slowest:")
  for (time, path) in timings.sorted(by: { $0.0 > $1.0 }).prefix(5) {
    print(String(format: "  %.3f s %@", time, path))
  }
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "xml":
  let megabytes = arguments.dropFirst().first.flatMap(Double.init) ?? 5
  let runs = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5
  try benchXML(megabytes: megabytes, runs: runs)
case "docx":
  guard let directory = arguments.dropFirst().first else { exit(64) }
  benchDocx(directory: directory, runs: arguments.dropFirst(2).first.flatMap(Int.init) ?? 5)
case "formats":
  guard let directory = arguments.dropFirst().first else { exit(64) }
  let runs = arguments.dropFirst(2).first.flatMap(Int.init) ?? 7
  for fileExtension in ["doc", "docx"] {
    let paths = files(under: directory).filter { $0.lowercased().hasSuffix(".\(fileExtension)") }
    benchFormat(".\(fileExtension)", paths: paths, runs: runs)
  }
case "corpus":
  guard let directory = arguments.dropFirst().first else { exit(64) }
  corpus(directory: directory, list: arguments.dropFirst(2).first)
default:
  print("usage: bench-extract xml [MB] [RUNS] | docx DIR [RUNS] | formats DIR [RUNS] | corpus DIR")
  exit(64)
}
