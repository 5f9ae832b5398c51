/// Reads `numbering.xml` far enough to know which list levels number like Chinese headings:
/// a Chinese counting format (`一、`, `（一）`) or a `第%1章`/`第%1节` pattern.
final class NumberingHandler: SAXHandler {
  private var abstractFormats: [String: [Int: Bool]] = [:]
  private var numberings: [(numberingID: String, abstractID: String)] = []
  private var abstractID: String?
  private var level: Int?
  private var levelFormat: String?
  private var levelText: String?
  private var numberingID: String?

  static let chineseFormats: Set<String> = [
    "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
    "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting",
    "koreanCounting",
  ]

  /// The heading-like levels of every list.
  var headingLevels: Set<NumberingLevel> {
    var result: Set<NumberingLevel> = []
    for (numberingID, abstractID) in numberings {
      for (level, isHeading) in abstractFormats[abstractID] ?? [:] where isHeading {
        result.insert(NumberingLevel(numberingID: numberingID, level: level))
      }
    }
    return result
  }

  override func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    guard name.namespace.isWord else { return }
    switch name.local {
    case .abstractNum:
      abstractID = attributes.value("abstractNumId")
    case .lvl:
      level = attributes.value("ilvl").flatMap { Int($0) }
      levelFormat = nil
      levelText = nil
    case .numFmt:
      if level != nil { levelFormat = attributes.value("val") }
    case .lvlText:
      if level != nil { levelText = attributes.value("val") }
    case .num:
      numberingID = attributes.value("numId")
    case .abstractNumId:
      if let numberingID, let abstract = attributes.value("val") {
        numberings.append((numberingID, abstract))
      }
    default:
      break
    }
  }

  override func endElement(_ name: XMLElementName) {
    guard name.namespace.isWord else { return }
    switch name.local {
    case .lvl:
      if let abstractID, let level {
        let chinese = levelFormat.map(Self.chineseFormats.contains) ?? false
        let chapter = levelText.map { $0.hasPrefix("第") && ($0.contains("章") || $0.contains("节")) } ?? false
        abstractFormats[abstractID, default: [:]][level] = chinese || chapter
      }
      level = nil
    case .abstractNum:
      abstractID = nil
    case .num:
      numberingID = nil
    default:
      break
    }
  }
}
