import Foundation

/// Sentences of formal Chinese taken from the public-domain regulation texts in
/// `Corpora/text/regulations/` (see Corpora/SOURCES.md). Applications quote policy and borrow its
/// register; drawing ordinary language from a large pool keeps unrelated applications apart.
struct TextBank: Sendable {
  struct Sentence: Sendable {
    var text: String
    var source: String
  }

  let sentences: [Sentence]
  let titles: [String]
  /// Index ranges of `sentences` per source text (only sources with at least 8 sentences).
  let sources: [Range<Int>]

  /// Words that mark penal or procedural clauses, which no application would borrow.
  static let unwanted = [
    "罚款", "处罚", "违反", "刑事", "拘留", "吊销", "没收", "法律责任", "追究", "施行", "废止", "本条例",
    "本办法", "本规定", "本细则", "第一条", "条规定", "款规定", "公安", "犯罪", "《", "》", "(", "（", "：",
  ]

  init(directory: URL) throws(CorpusWriteError) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }
        .sorted()
    } catch {
      throw CorpusWriteError(path: directory.path, reason: "cannot list the text directory: \(error)")
    }
    var sentences: [Sentence] = []
    var titles: [String] = []
    var seen = Set<String>()
    var sources: [Range<Int>] = []
    for name in names {
      let url = directory.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: url.path),
        let content = String(data: data, encoding: .utf8)
      else {
        throw CorpusWriteError(path: url.path, reason: "not readable as UTF-8 text")
      }
      let title = Self.title(fromFileName: name)
      titles.append(title)
      let first = sentences.count
      for sentence in Self.sentences(in: content) where seen.insert(sentence).inserted {
        sentences.append(Sentence(text: sentence, source: title))
      }
      if sentences.count - first >= 8 { sources.append(first..<sentences.count) }
    }
    guard sentences.count >= 1000 else {
      throw CorpusWriteError(
        path: directory.path, reason: "only \(sentences.count) usable sentences; at least 1000 are needed")
    }
    self.sentences = sentences
    self.titles = titles
    self.sources = sources
  }

  static func title(fromFileName name: String) -> String {
    var title = name
    if let dot = title.lastIndex(of: ".") { title = String(title[..<dot]) }
    if let paren = title.lastIndex(of: "("), title.hasSuffix(")") { title = String(title[..<paren]) }
    return title
  }

  /// Article bodies after the metadata block, split at 。 and ；, without numbering.
  static func sentences(in content: String) -> [String] {
    var body = Substring(content)
    if let marker = content.range(of: "<!-- INFO END -->") {
      body = content[marker.upperBound...]
    }
    var result: [String] = []
    for rawLine in body.split(separator: "\n") {
      var line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("<") { continue }
      if line.hasPrefix("第"), let space = line.firstIndex(where: { $0 == " " || $0 == "　" }),
        line.distance(from: line.startIndex, to: space) <= 8
      {
        line = String(line[line.index(after: space)...])
      }
      var sentence = ""
      for character in line {
        sentence.append(character)
        if character == "。" || character == "；" {
          append(sentence, to: &result)
          sentence = ""
        }
      }
    }
    return result
  }

  private static func append(_ raw: String, to result: inout [String]) {
    var sentence = raw.trimmingCharacters(in: .whitespaces)
    if sentence.hasSuffix("；") { sentence = String(sentence.dropLast()) + "。" }
    let length = sentence.count
    guard length >= 20, length <= 90 else { return }
    guard !unwanted.contains(where: { sentence.contains($0) }) else { return }
    guard sentence.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "*" && $0 != "|" }) else { return }
    result.append(sentence)
  }
}
