/// Whether a PDF page's text layer is text a person wrote or garbage. PDFs that embed CID fonts
/// without a ToUnicode map (common in Chinese PDFs from old converters and some scanners'
/// "searchable" output) give `pdftotext` private-use characters, U+FFFD, control characters,
/// Latin-1 mojibake or Han characters in no plausible distribution; such a page is read by OCR
/// in `--ocr auto`.
package enum TextLayerQuality: Equatable, Sendable {
  case usable
  /// Fewer than ``minimumCharacters`` visible characters: a scanned page (perhaps with a page
  /// number or a stamp in its text layer).
  case empty
  case garbage(String)

  /// A page with fewer visible characters than this has no text layer worth keeping.
  package static let minimumCharacters = 10

  /// The 200 most frequent characters of modern 日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政hinese text. In real text they are about half
  /// of all Han characters; in text decoded through a wrong mapping (code points in no relation
  /// to the words) a few in a hundred.
  static let commonHan: Set<Unicode.Scalar> = Set(
    ("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
      + "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
      + "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
      + "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员").unicodeScalars)

  package static func assess(_ text: String) -> TextLayerQuality {
    var visible = 0
    var broken = 0
    var han = 0
    var common = 0
    var latinExtended = 0
    var symbols = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if scalar.properties.isWhitespace { continue }
      visible += 1
      switch value {
      case 0xE000...0xF8FF, 0xF0000...0x10FFFF, 0xFFFD, 0x00...0x1F, 0x7F...0x9F: broken += 1
      case 0x4E00...0x9FFF:
        han += 1
        if commonHan.contains(scalar) { common += 1 }
      case 0xC0...0x24F where value != 0xD7 && value != 0xF7: latinExtended += 1
      case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: symbols += 1
      default: break
      }
    }
    guard visible >= minimumCharacters else { return .empty }
    let share = { (count: Int) in Double(count) / Double(visible) }
    if share(broken) > 0.05 {
      return .garbage(
        "\(Int((share(broken) * 100).rounded())) % private-use, replacement or control characters")
    }
    if han >= 30, Double(common) / Double(han) < 0.08 {
      return .garbage("Han characters in an implausible distribution (common characters \(common) of \(han))")
    }
    if share(latinExtended) > 0.3 {
      return .garbage("\(Int((share(latinExtended) * 100).rounded())) % accented Latin letters (mojibake)")
    }
    if han == 0, share(symbols) > 0.5 {
      return .garbage("\(Int((share(symbols) * 100).rounded())) % ASCII symbols")
    }
    return .usable
  }
}
