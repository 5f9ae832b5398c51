/// The style sheet (STSH, [MS-DOC] 2.9.271): for each style index its name, base style and the
/// outline level of paragraph styles, as `StyleDefinition`s for the shared heading resolver.
struct StyleSheet {
  struct Style: Equatable {
    var name: String
    /// Built-in style identifier: 1…9 are `heading 1`…`heading 9` whatever the UI language.
    var sti: Int
    var baseIndex: Int?
    var outlineLevel: Int?
  }

  private(set) var styles: [Int: Style] = [:]
  private static let sentinelIndex = 0x0FFF
  private static let normal = 0

  init() {}

  init(_ stsh: [UInt8]) {
    guard let headerSize = stsh.uint16(at: 0), let count = stsh.uint16(at: 2),
      let baseSize = stsh.uint16(at: 4)
    else { return }
    var offset = 2 + headerSize
    for index in 0..<min(count, 4096) {
      guard let size = stsh.uint16(at: offset) else { break }
      defer { offset += 2 + size }
      guard size > 0, let std = stsh.bytes(at: offset + 2, length: size),
        let style = Self.style(std, baseSize: baseSize)
      else { continue }
      styles[index] = style
    }
  }

  /// One STD: StdfBase (and StdfPost2000 when `baseSize` says so), the name, then the UPXs.
  private static func style(_ std: [UInt8], baseSize: Int) -> Style? {
    guard let first = std.uint16(at: 0), let second = std.uint16(at: 2), let third = std.uint16(at: 4),
      let nameLength = std.uint16(at: baseSize)
    else { return nil }
    let sti = first & 0x0FFF
    let kind = second & 0x000F
    let base = second >> 4
    let upxCount = third & 0x000F
    var units: [UInt16] = []
    for index in 0..<nameLength {
      guard let unit = std.uint16(at: baseSize + 2 + index * 2) else { return nil }
      units.append(UInt16(unit))
    }
    // Names may list aliases after commas ("heading 1,H1,标题 1"): the first is the name.
    let fullName = String(decoding: units, as: UTF16.self)
    let name = String(fullName.split(separator: ",", omittingEmptySubsequences: false).first ?? "")
    var style = Style(
      name: name, sti: sti, baseIndex: base == sentinelIndex ? nil : base,
      outlineLevel: (1...9).contains(sti) ? sti - 1 : nil)
    // Paragraph styles (stk 1) start their UPXs with the paragraph one: istd, then the grpprl.
    var upx = baseSize + 2 + nameLength * 2 + 2
    if upx % 2 == 1 { upx += 1 }
    if kind == 1, upxCount >= 1, let size = std.uint16(at: upx), size >= 2,
      let group = std.bytes(at: upx + 2, length: size)
    {
      var properties = ParagraphProperties()
      properties.apply(group, from: 2)
      if let level = properties.outlineLevel { style.outlineLevel = level < 9 ? level : nil }
    }
    return style
  }

  /// The style a paragraph names, for `Paragraph.style`: nil for Normal, as for `.docx` text
  /// without a `w:pStyle`.
  func name(ofIndex index: Int) -> String? {
    guard index != Self.normal, let style = styles[index], !style.name.isEmpty else { return nil }
    return style.name
  }

  var definitions: [StyleDefinition] {
    styles.keys.sorted().compactMap { index in
      guard let style = styles[index], !style.name.isEmpty else { return nil }
      return StyleDefinition(
        id: style.name, name: style.name, basedOn: style.baseIndex.flatMap { name(ofIndex: $0) },
        outlineLevel: style.outlineLevel)
    }
  }
}
