import Fingerprints

/// One side of the fuzzy alignment: a document cut into sentences, each with its bag of features
/// (character unigrams and bigrams for Chinese, words for Latin-script text). Built once per
/// document and reused for every pair it is aligned in. Pure.
package struct SentenceDocument: Sendable {
  package let normalized: NormalizedText
  /// Token ranges of the sentences in text order; together they cover every token once.
  package let sentences: [Range<Int>]
  /// Distinct features of sentence `s`: `features[featureStarts[s]..<featureStarts[s + 1]]`,
  /// sorted, with their counts in `counts` at the same positions.
  let features: [UInt64]
  let counts: [Int32]
  let featureStarts: [Int]
  /// Tokens of each sentence that are not template or common text.
  let countedTokens: [Int]
  /// Per token, true when it is template or common text (empty: none).
  let excludedTokens: [Bool]

  /// - Parameters:
  ///   - text: the extracted text (`normalized` is `NormalizedText(normalizing: text)`); its
  ///     punctuation and line breaks decide where sentences end.
  ///   - excludedTokens: per token, true for template or common text (`ExcludedText.tokenMask`);
  ///     such tokens give no features, so a sentence of template text never seeds a passage.
  package init(
    text: String, normalized: NormalizedText, excludedTokens: [Bool] = [],
    segmentation: SentenceSegmentation = .standard
  ) {
    self.normalized = normalized
    let excluded = excludedTokens.count == normalized.count ? excludedTokens : []
    self.excludedTokens = excluded
    sentences = SentenceSegmenter.sentences(of: text, normalized: normalized, segmentation: segmentation)
    var features: [UInt64] = []
    var counts: [Int32] = []
    var starts: [Int] = [0]
    var counted: [Int] = []
    var scratch: [UInt64] = []
    features.reserveCapacity(normalized.count * 2)
    counts.reserveCapacity(normalized.count * 2)
    let tokens = normalized.tokens
    let gramLength = max(0, segmentation.wordGrams)
    let scalars = gramLength > 0 ? Array(text.unicodeScalars) : []
    for sentence in sentences {
      scratch.removeAll(keepingCapacity: true)
      var tokenCount = 0
      for index in sentence {
        if !excluded.isEmpty && excluded[index] { continue }
        tokenCount += 1
        let token = tokens[index]
        guard SentenceFeatures.isCharacter(token) else {
          scratch.append(SentenceFeatures.word(token))
          if gramLength > 0 {
            SentenceFeatures.appendGrams(
              scalars[Int(normalized.starts[index])..<Int(normalized.ends[index])], length: gramLength,
              to: &scratch)
          }
          continue
        }
        if segmentation.characterUnigrams { scratch.append(SentenceFeatures.unigram(token)) }
        let next = index + 1
        if next < sentence.upperBound, excluded.isEmpty || !excluded[next],
          SentenceFeatures.isCharacter(tokens[next])
        {
          scratch.append(SentenceFeatures.bigram(token, tokens[next]))
        }
      }
      scratch.sort()
      var position = 0
      while position < scratch.count {
        var end = position + 1
        while end < scratch.count && scratch[end] == scratch[position] { end += 1 }
        features.append(scratch[position])
        counts.append(Int32(end - position))
        position = end
      }
      starts.append(features.count)
      counted.append(tokenCount)
    }
    self.features = features
    self.counts = counts
    self.featureStarts = starts
    self.countedTokens = counted
  }

  /// The same, normalising `text` here.
  package init(text: String, excludedTokens: [Bool] = [], segmentation: SentenceSegmentation = .standard) {
    self.init(
      text: text, normalized: NormalizedText(normalizing: text), excludedTokens: excludedTokens,
      segmentation: segmentation)
  }

  /// Offset in the extracted text where sentence `index` starts (its first token).
  package func characterStart(ofSentence index: Int) -> Int {
    Int(normalized.starts[sentences[index].lowerBound])
  }

  /// Offset in the extracted text just after sentence `index` (its last token).
  package func characterEnd(ofSentence index: Int) -> Int {
    Int(normalized.ends[sentences[index].upperBound - 1])
  }

  func featureRange(_ sentence: Int) -> Range<Int> { featureStarts[sentence]..<featureStarts[sentence + 1] }
}

/// Feature hashes of the fuzzy stage: fixed seeds, never `Hasher`, so results are the same on every
/// run and platform.
enum SentenceFeatures {
  static let unigramSeed: UInt64 = 0x7061_7261_2D75_6E69  // "para-uni"
  static let bigramSeed: UInt64 = 0x7061_7261_2D62_6967  // "para-big"
  static let wordSeed: UInt64 = 0x7061_7261_2D77_6F72  // "para-wor"

  /// CJK tokens are scalar values; Latin/digit runs carry the top bit (`NormalizedText`).
  @inline(__always)
  static func isCharacter(_ token: UInt64) -> Bool { token & (1 &<< 63) == 0 }

  @inline(__always)
  static func unigram(_ token: UInt64) -> UInt64 { StableHash.mix64(token ^ unigramSeed) }

  @inline(__always)
  static func bigram(_ first: UInt64, _ second: UInt64) -> UInt64 {
    StableHash.mix64(StableHash.mix64(first ^ bigramSeed) &+ second)
  }

  @inline(__always)
  static func word(_ token: UInt64) -> UInt64 { StableHash.mix64(token ^ wordSeed) }

  static let gramSeed: UInt64 = 0x7061_7261_2D67_7261  // "para-gra"

  /// Appends the hashes of the lower-cased `length`-letter windows of a word longer than `length`.
  static func appendGrams(_ word: ArraySlice<Unicode.Scalar>, length: Int, to features: inout [UInt64]) {
    guard word.count > length else { return }
    let letters = word.map { UInt64($0.properties.lowercaseMapping.unicodeScalars.first?.value ?? $0.value) }
    for start in 0...(letters.count - length) {
      var hash = gramSeed
      for index in start..<(start + length) { hash = StableHash.mix64(hash ^ letters[index]) }
      features.append(hash)
    }
  }
}
