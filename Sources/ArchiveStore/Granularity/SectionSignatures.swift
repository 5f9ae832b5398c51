import ChachongModel
import Fingerprints

/// The finer level chosen by measurement (docs/index.md, "Granularity"): one MinHash signature
/// per section, put into its own LSH tables. A section copied into another application has a
/// section-level Jaccard near 1 even when the two documents' Jaccard is 0.1.
package enum SectionSignatures {
  /// LSH band keys of every section with at least `minimumTokens` tokens. A document that is one
  /// section gets none (the whole-document tables already cover it).
  package static func bandKeys(
    of fingerprint: DocumentFingerprint, sections: [TextSection], parameters: IndexParameters,
    hasher: MinHasher
  ) -> [UInt64] {
    let ranges = shingleRanges(of: fingerprint.normalized, sections: sections, parameters: parameters)
    return bandKeys(
      of: ranges.map { hasher.signature(of: Array(fingerprint.shingleHashes[$0])) }, parameters: parameters)
  }

  /// The distinct band keys of section signatures, sorted.
  package static func bandKeys(of signatures: [MinHashSignature], parameters: IndexParameters) -> [UInt64] {
    var keys: [UInt64] = []
    for signature in signatures {
      keys.append(contentsOf: parameters.granularity.sectionLSH.bandKeys(of: signature))
    }
    var unique = Array(Set(keys))
    unique.sort()
    return unique
  }

  /// The shingle ranges whose signatures go into the section tables: one per section with at least
  /// `minimumTokens` tokens (its shingles that start in it and, as far as the text goes, end in
  /// it), ascending and disjoint; none when there are fewer than two such sections. For
  /// ``Fingerprinter/fingerprint(_:signingRanges:)``.
  package static func shingleRanges(
    of normalized: NormalizedText, sections: [TextSection], parameters: IndexParameters
  ) -> [Range<Int>] {
    let ranges = tokenRanges(
      of: normalized, sections: sections, minimumTokens: parameters.granularity.sectionMinimumTokens)
    guard ranges.count > 1 else { return [] }
    let k = parameters.fingerprint.shingleSize
    let shingleCount = Shingler.shingleCount(tokens: normalized.count, k: k)
    return ranges.compactMap { range in
      let lastShingle = max(range.lowerBound + 1, range.upperBound - k + 1)
      let end = min(lastShingle, shingleCount)
      return range.lowerBound < end ? range.lowerBound..<end : nil
    }
  }

  /// Token index ranges of the sections (by the tokens' start offsets), small ones left out.
  package static func tokenRanges(of text: NormalizedText, sections: [TextSection], minimumTokens: Int)
    -> [Range<Int>]
  {
    var ranges: [Range<Int>] = []
    var token = 0
    let starts = text.starts
    for section in sections.sorted(by: { $0.start < $1.start }) {
      while token < starts.count && Int(starts[token]) < section.start {
        token += 1
      }
      let first = token
      while token < starts.count && Int(starts[token]) < section.end {
        token += 1
      }
      if token - first >= minimumTokens {
        ranges.append(first..<token)
      }
    }
    return ranges
  }
}
