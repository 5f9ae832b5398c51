import Fingerprints

/// How `SentenceDocument` cuts a text into sentences and which features it takes.
package struct SentenceSegmentation: Sendable, Codable, Equatable, Hashable {
  /// A sentence with fewer tokens is joined to the next one (headings, "第一条", list numbers).
  package var minimumTokens: Int
  /// A longer stretch without a sentence end (a table, a run-on clause list) is cut into equal
  /// pieces of at most this many tokens.
  package var maximumTokens: Int
  /// Whether single CJK characters are features besides character bigrams: they keep a sentence
  /// similar when a two-character word is swapped for a synonym sharing one character
  /// (规定→规章, 应当→应该).
  package var characterUnigrams: Bool
  /// Latin-script words of more than this many letters also give their letter n-grams of this
  /// length as features (0: words only), so that inflected and derived forms of one root stay
  /// similar (lukisan, melukis, dilukiskan).
  package var wordGrams: Int

  package init(
    minimumTokens: Int = 6, maximumTokens: Int = 120, characterUnigrams: Bool = true, wordGrams: Int = 0
  ) {
    self.wordGrams = wordGrams
    self.minimumTokens = minimumTokens
    self.maximumTokens = maximumTokens
    self.characterUnigrams = characterUnigrams
  }

  package static let standard = SentenceSegmentation()

  /// For the PAN corpora (word tokens): Sanchez-Perez et al. join sentences of fewer than 3 words.
  /// Letter trigrams of words (chosen on the even half of the Indonesian corpus against 4 and 5)
  /// keep affixed forms of one root similar.
  package static let panTuned = SentenceSegmentation(minimumTokens: 4, maximumTokens: 120, wordGrams: 3)
}

/// Sentence ends: CJK and Latin terminators, semicolons, and line breaks that are not the
/// re-wrapping of Latin prose.
enum SentenceSegmenter {
  static func sentences(of text: String, normalized: NormalizedText, segmentation: SentenceSegmentation)
    -> [Range<Int>]
  {
    let count = normalized.count
    guard count > 0 else { return [] }
    let scalars = Array(text.unicodeScalars)
    var raw: [Range<Int>] = []
    var start = 0
    for index in 0..<(count - 1) {
      let gapStart = Int(normalized.ends[index])
      let gapEnd = Int(normalized.starts[index + 1])
      if gapEnd > gapStart,
        endsSentence(scalars, gapStart, min(gapEnd, scalars.count), after: normalized.tokens[index])
      {
        raw.append(start..<(index + 1))
        start = index + 1
      }
    }
    raw.append(start..<count)
    return sized(raw, segmentation)
  }

  /// Whether the separator characters `scalars[lower..<upper]` between two tokens end a sentence.
  private static func endsSentence(
    _ scalars: [Unicode.Scalar], _ lower: Int, _ upper: Int, after token: UInt64
  )
    -> Bool
  {
    var newlines = 0
    var index = lower
    while index < upper {
      switch scalars[index].value {
      case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x0021, 0x003F, 0x003B, 0x2026, 0xFF0E, 0xFF61:
        // 。！？；!?;…．｡
        return true
      case 0x002E:
        // A full stop followed by a space or a line break; "3.5" and "www.gov.cn" have none.
        if index + 1 < upper, scalars[index + 1].properties.isWhitespace { return true }
      case 0x000A, 0x000D, 0x2028, 0x2029:
        if scalars[index].value != 0x000D || index + 1 >= upper || scalars[index + 1].value != 0x000A {
          newlines += 1
        }
      default:
        break
      }
      index += 1
    }
    // A blank line always ends a sentence; a single line break only after a CJK character (Latin
    // prose is re-wrapped at line ends, Chinese headings and paragraphs are not).
    return newlines >= 2 || (newlines == 1 && SentenceFeatures.isCharacter(token))
  }

  private static func sized(_ raw: [Range<Int>], _ segmentation: SentenceSegmentation) -> [Range<Int>] {
    let minimum = max(1, segmentation.minimumTokens)
    let maximum = max(minimum, segmentation.maximumTokens)
    var joined: [Range<Int>] = []
    var pendingStart: Int?
    for sentence in raw {
      let lower = pendingStart ?? sentence.lowerBound
      if sentence.upperBound - lower < minimum {
        pendingStart = lower
        continue
      }
      joined.append(lower..<sentence.upperBound)
      pendingStart = nil
    }
    if let pendingStart, let upper = raw.last?.upperBound {
      if let last = joined.popLast() {
        joined.append(last.lowerBound..<upper)
      } else {
        joined.append(pendingStart..<upper)
      }
    }
    var result: [Range<Int>] = []
    for sentence in joined {
      let length = sentence.count
      guard length > maximum else {
        result.append(sentence)
        continue
      }
      let pieces = (length + maximum - 1) / maximum
      for piece in 0..<pieces {
        let lower = sentence.lowerBound + length * piece / pieces
        let upper = sentence.lowerBound + length * (piece + 1) / pieces
        result.append(lower..<upper)
      }
    }
    return result
  }
}
