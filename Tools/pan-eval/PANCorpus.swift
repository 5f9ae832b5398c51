import Foundation

/// A PAN text-alignment corpus in memory: documents by name, the pairs to align and the cases.
struct PANCorpus: Sendable {
  var name: String
  var suspicious: [String: String]
  var sources: [String: String]
  var pairs: [(suspicious: String, source: String)]
  var cases: [PANCase]

  enum LoadError: Error, CustomStringConvertible {
    case unreadable(String)
    case malformed(String, String)
    var description: String {
      switch self {
      case .unreadable(let path): "\(path): cannot be read"
      case .malformed(let path, let reason): "\(path): \(reason)"
      }
    }
  }

  /// The PAN-2011 layout: `suspicious-documents/*.txt` with one XML of `<feature name="plagiarism"
  /// …/>` per document, `source-documents/*.txt`. Pairs: every suspicious document with every
  /// source (negative pairs included), or only the pairs with a case when `listedPairsOnly`.
  static func loadPAN2011(directory: String, listedPairsOnly: Bool) throws -> PANCorpus {
    let manager = FileManager.default
    let suspiciousDirectory = directory + "/suspicious-documents"
    let sourceDirectory = directory + "/source-documents"
    guard let suspiciousNames = try? manager.contentsOfDirectory(atPath: suspiciousDirectory),
      let sourceNames = try? manager.contentsOfDirectory(atPath: sourceDirectory)
    else { throw LoadError.unreadable(directory) }
    var suspicious: [String: String] = [:]
    var sources: [String: String] = [:]
    var cases: [PANCase] = []
    for name in suspiciousNames.sorted() where name.hasSuffix(".txt") {
      suspicious[name] = try readText(suspiciousDirectory + "/" + name)
      let xmlPath = suspiciousDirectory + "/" + name.dropLast(4) + ".xml"
      guard manager.fileExists(atPath: xmlPath) else { continue }
      let xml = try readText(xmlPath)
      for attributes in featureAttributes(in: xml) where attributes["name"] == "plagiarism" {
        guard let thisOffset = attributes["this_offset"].flatMap(Int.init),
          let thisLength = attributes["this_length"].flatMap(Int.init),
          let source = attributes["source_reference"],
          let sourceOffset = attributes["source_offset"].flatMap(Int.init),
          let sourceLength = attributes["source_length"].flatMap(Int.init)
        else { throw LoadError.malformed(xmlPath, "feature without offsets") }
        let obfuscation = attributes["obfuscation"] ?? attributes["type"] ?? "unknown"
        cases.append(
          PANCase(
            suspicious: name, source: source, thisOffset: thisOffset, thisLength: thisLength,
            sourceOffset: sourceOffset, sourceLength: sourceLength, obfuscation: obfuscation))
      }
    }
    for name in sourceNames.sorted() where name.hasSuffix(".txt") {
      sources[name] = try readText(sourceDirectory + "/" + name)
    }
    var pairs: [(String, String)] = []
    if listedPairsOnly {
      let listed = Set(cases.map { $0.suspicious + "\u{1}" + $0.source })
      for entry in listed.sorted() {
        let parts = entry.split(separator: "\u{1}").map(String.init)
        if parts.count == 2 { pairs.append((parts[0], parts[1])) }
      }
    } else {
      for suspiciousName in suspicious.keys.sorted() {
        for sourceName in sources.keys.sorted() { pairs.append((suspiciousName, sourceName)) }
      }
    }
    return PANCorpus(
      name: "pan-format-indonesian", suspicious: suspicious, sources: sources,
      pairs: pairs.map { (suspicious: $0.0, source: $0.1) }, cases: cases)
  }

  /// Only the suspicious documents whose number is even or odd (nil: all), for tuning on one half
  /// and testing on the other.
  func subset(_ parity: String?) -> PANCorpus {
    guard let parity else { return self }
    func keep(_ name: String) -> Bool {
      let digits = name.filter(\.isNumber)
      guard let number = Int(digits) else { return false }
      return (number % 2 == 0) == (parity == "even")
    }
    var copy = self
    copy.name += " (\(parity) suspicious documents)"
    copy.suspicious = suspicious.filter { keep($0.key) }
    copy.pairs = pairs.filter { keep($0.suspicious) }
    copy.cases = cases.filter { keep($0.suspicious) }
    return copy
  }

  /// PAN 2025 generated-plagiarism records (JSON with source and candidate papers whose
  /// paragraphs carry `source_paragraph_id`): each paper becomes one text (title, abstract and
  /// paragraphs joined by blank lines) and each plagiarised paragraph one case with its offsets.
  /// `deduplicate`: a paragraph listed twice with the same content is kept once (see `flatten`).
  static func loadPAN25(directory: String, deduplicate: Bool = true) throws -> PANCorpus {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else {
      throw LoadError.unreadable(directory)
    }
    var corpus = PANCorpus(
      name: "pan25-generated-sample", suspicious: [:], sources: [:], pairs: [], cases: [])
    for name in names.sorted() where name.hasSuffix(".json") {
      let path = directory + "/" + name
      guard let data = manager.contents(atPath: path),
        let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let source = record["source"] as? [String: Any],
        let candidate = record["candidate"] as? [String: Any]
      else { throw LoadError.malformed(path, "not a PAN25 record") }
      let (sourceText, sourceSpans, _) = flatten(source, deduplicate: deduplicate)
      let (candidateText, candidateSpans, candidateSources) = flatten(candidate, deduplicate: deduplicate)
      let suspiciousName = "candidate-" + name
      let sourceName = "source-" + name
      corpus.suspicious[suspiciousName] = candidateText
      corpus.sources[sourceName] = sourceText
      corpus.pairs.append((suspicious: suspiciousName, source: sourceName))
      for (paragraphID, span) in candidateSpans.sorted(by: { $0.value.0 < $1.value.0 }) {
        guard let sourceID = candidateSources[paragraphID], let sourceSpan = sourceSpans[sourceID] else {
          continue
        }
        corpus.cases.append(
          PANCase(
            suspicious: suspiciousName, source: sourceName, thisOffset: span.0, thisLength: span.1 - span.0,
            sourceOffset: sourceSpan.0, sourceLength: sourceSpan.1 - sourceSpan.0, obfuscation: "llm-rewrite")
        )
      }
    }
    return corpus
  }

  /// Text of a paper and, per paragraph id, its code-point span; plus plagiarism source ids.
  private static func flatten(_ paper: [String: Any], deduplicate: Bool) -> (
    String, [String: (Int, Int)], [String: String]
  ) {
    var pieces: [String] = []
    var spans: [String: (Int, Int)] = [:]
    var sourceIDs: [String: String] = [:]
    var length = 0
    func add(_ text: String, id: String?) {
      if !pieces.isEmpty { length += 2 }
      let count = text.unicodeScalars.count
      if let id { spans[id] = (length, length + count) }
      pieces.append(text)
      length += count
    }
    if let title = paper["title"] as? String { add(title, id: nil) }
    var paragraphs: [[String: Any]] = (paper["abstract"] as? [[String: Any]]) ?? []
    for section in (paper["sections"] as? [[String: Any]]) ?? [] {
      if let title = section["title"] as? String { paragraphs.append(["content": title]) }
      paragraphs.append(contentsOf: (section["paragraphs"] as? [[String: Any]]) ?? [])
    }
    // The records list many paragraphs twice (a nested id "S2.SS2.p1.1" and its parent
    // "S2.SS2.p1", same content): a repeated paragraph is left out of the text and its id points at
    // the first copy, so that a case's source span is the one copy the text has.
    var firstIDs: [String: String] = [:]
    var aliases: [String: (Int, Int)] = [:]
    for paragraph in paragraphs {
      guard let content = paragraph["content"] as? String else { continue }
      let id = paragraph["id"] as? String
      if deduplicate, let first = firstIDs[content] {
        if let id, let span = spans[first] { aliases[id] = span }
        if sourceIDs[first] == nil, let plagiarism = paragraph["plagiarism"] as? [String: Any],
          plagiarism["type"] as? String == "plagiarism",
          let sourceID = plagiarism["source_paragraph_id"] as? String
        {
          sourceIDs[first] = sourceID
        }
        continue
      }
      if let id { firstIDs[content] = id }
      add(content, id: id)
      if let id, let plagiarism = paragraph["plagiarism"] as? [String: Any],
        plagiarism["type"] as? String == "plagiarism",
        let sourceID = plagiarism["source_paragraph_id"] as? String
      {
        sourceIDs[id] = sourceID
      }
    }
    // Aliases resolve source references; only first copies are cases.
    return (pieces.joined(separator: "\n\n"), spans.merging(aliases) { first, _ in first }, sourceIDs)
  }

  private static func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw LoadError.unreadable(path) }
    return String(decoding: data, as: UTF8.self)
  }

  /// Attributes of each `<feature …/>` element (the corpus XML is flat and simple).
  private static func featureAttributes(in xml: String) -> [[String: String]] {
    var result: [[String: String]] = []
    for element in xml.components(separatedBy: "<feature").dropFirst() {
      let body = element.prefix { $0 != ">" }
      var attributes: [String: String] = [:]
      let parts = body.components(separatedBy: "\"")
      var index = 0
      while index + 1 < parts.count {
        let key = parts[index].trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(
          in: CharacterSet(charactersIn: "="))
        attributes[key] = parts[index + 1]
        index += 2
      }
      result.append(attributes)
    }
    return result
  }
}
