import Glibc

/// A look at the raw bytes of an XML part before libxml2 parses them, for the two things libxml2
/// 2.9 does not bound in push mode: element depth (its push parser has no depth limit, and deep
/// nesting costs every handler) and attributes per element (it checks namespace declarations and
/// attributes for duplicates pairwise, so 330,000 `xmlns` declarations on one element took 26 s;
/// by the time a SAX callback sees the element, the work is done). Counting `=` outside quoted
/// values inside a start tag counts attributes and declarations alike. Comments, CDATA sections,
/// processing instructions and declarations are skipped. Fed chunk by chunk; the state carries
/// over chunk boundaries.
struct MarkupScanner {
  private enum State: UInt8 {
    case text, tagOpen, element, quoted, endTag, bang, commentStart, comment, cdataStart, cdata
    case instruction, declaration
  }

  private let maxDepth: Int
  private let maxAttributes: Int
  private var state = State.text
  private var depth = 0
  private var attributes = 0
  private var quote: UInt8 = 0
  /// The last byte of a start tag that was not a space (a `/` before `>` closes the element).
  private var lastSignificant: UInt8 = 0
  /// Progress through a terminator (`-->`, `]]>`, `?>`) or the `[CDATA[` opener.
  private var matched = 0
  private var bracketDepth = 0

  private static let cdataOpener: [UInt8] = Array("[CDATA[".utf8)

  init(maxDepth: Int, maxAttributes: Int) {
    self.maxDepth = maxDepth
    self.maxAttributes = maxAttributes
  }

  /// Scans the next chunk; the reason when a limit is passed.
  mutating func scan(_ buffer: UnsafeRawBufferPointer) -> String? {
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let count = buffer.count
    var index = 0
    while index < count {
      if state == .text {
        // Text is most of a document: jump to the next markup.
        guard let found = memchr(base + index, 0x3C, count - index) else { return nil }
        index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        state = .tagOpen
        continue
      }
      let byte = base[index]
      index += 1
      if let failure = step(byte) { return failure }
    }
    return nil
  }

  private mutating func step(_ byte: UInt8) -> String? {
    switch state {
    case .text:
      if byte == 0x3C { state = .tagOpen }
    case .tagOpen:
      switch byte {
      case 0x2F: state = .endTag  // </
      case 0x21: state = .bang  // <!
      case 0x3F:  // <?
        state = .instruction
        matched = 0
      default:
        state = .element
        attributes = 0
        lastSignificant = byte
      }
    case .element:
      switch byte {
      case 0x22, 0x27:
        quote = byte
        state = .quoted
      case 0x3D:
        attributes += 1
        if attributes > maxAttributes {
          return "an element has more than \(maxAttributes) attributes or namespace declarations"
        }
      case 0x3E:
        state = .text
        if lastSignificant != 0x2F {
          depth += 1
          if depth > maxDepth { return "elements nested deeper than \(maxDepth)" }
        }
      case 0x20, 0x09, 0x0A, 0x0D: break
      default: lastSignificant = byte
      }
    case .quoted:
      if byte == quote {
        state = .element
        lastSignificant = byte
      }
    case .endTag:
      if byte == 0x3E {
        state = .text
        depth = max(0, depth - 1)
      }
    case .bang:
      switch byte {
      case 0x2D: state = .commentStart
      case 0x5B:
        state = .cdataStart
        matched = 1
      default:
        state = .declaration
        bracketDepth = 0
        return step(byte)
      }
    case .commentStart:
      state = byte == 0x2D ? .comment : .declaration
      matched = 0
    case .comment:
      // "-->": two dashes, then ">".
      if byte == 0x2D {
        matched = min(matched + 1, 2)
      } else if byte == 0x3E, matched == 2 {
        state = .text
      } else {
        matched = 0
      }
    case .cdataStart:
      if byte == Self.cdataOpener[matched] {
        matched += 1
        if matched == Self.cdataOpener.count {
          state = .cdata
          matched = 0
        }
      } else {
        state = .declaration
        bracketDepth = 1
      }
    case .cdata:
      if byte == 0x5D {
        matched = min(matched + 1, 2)
      } else if byte == 0x3E, matched == 2 {
        state = .text
      } else {
        matched = 0
      }
    case .instruction:
      if byte == 0x3E, matched == 1 {
        state = .text
      } else {
        matched = byte == 0x3F ? 1 : 0
      }
    case .declaration:
      switch byte {
      case 0x5B: bracketDepth += 1
      case 0x5D: bracketDepth = max(0, bracketDepth - 1)
      case 0x3E where bracketDepth == 0: state = .text
      default: break
      }
    }
    return nil
  }
}
