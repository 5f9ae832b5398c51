import ChachongModel
import Fingerprints

/// Computes `CopyMetrics` from an application's normalised text and its passages. Pure.
package enum CopyMetricsCalculator {
  /// - Parameters:
  ///   - application: the application's normalised text (passage offsets point into its original).
  ///   - sources: passages per source document.
  ///   - excludedTokens: per token, true when it is template or common text
  ///     (`ExcludedText.tokenMask`); empty means none.
  ///   - sections: section spans of the application's text.
  package static func measure(
    application: NormalizedText, sources: [SourcePassages], excludedTokens: [Bool] = [],
    sections: [TextSection] = []
  ) -> CopyMetrics {
    let count = application.count
    let weights = (0..<count).map { Int(application.ends[$0] - application.starts[$0]) }
    let excluded = excludedTokens.count == count ? excludedTokens : [Bool](repeating: false, count: count)
    var characters = 0
    var templateCharacters = 0
    for index in 0..<count {
      if excluded[index] { templateCharacters += weights[index] } else { characters += weights[index] }
    }

    var union = [Bool](repeating: false, count: count)
    var sourceCopies: [SourceCopy] = []
    // Which source last counted a token: each source visits only its passages' tokens (an
    // application with hundreds of sources would otherwise pass over its whole text per source).
    var countedBy = [Int32](repeating: -1, count: count)
    for (sourceIndex, source) in sources.enumerated() {
      var copied = 0
      let stamp = Int32(truncatingIfNeeded: sourceIndex)
      for passage in source.passages {
        for index in tokenRange(application, from: passage.start, to: passage.end)
        where Int(application.ends[index]) <= passage.end && countedBy[index] != stamp {
          countedBy[index] = stamp
          guard !excluded[index] else { continue }
          copied += weights[index]
          union[index] = true
        }
      }
      if copied > 0 {
        sourceCopies.append(
          SourceCopy(id: source.id, copiedCharacters: copied, ratio: ratio(copied, characters)))
      }
    }
    sourceCopies.sort {
      $0.copiedCharacters != $1.copiedCharacters ? $0.copiedCharacters > $1.copiedCharacters : $0.id < $1.id
    }
    var copiedCharacters = 0
    for index in 0..<count where union[index] { copiedCharacters += weights[index] }

    let sectionCopies = sections.map { section -> SectionCopy in
      var sectionCharacters = 0
      var sectionCopied = 0
      for index in tokenRange(application, from: section.start, to: section.end) where !excluded[index] {
        sectionCharacters += weights[index]
        if union[index] { sectionCopied += weights[index] }
      }
      return SectionCopy(
        title: section.title, start: section.start, end: section.end, characters: sectionCharacters,
        copiedCharacters: sectionCopied, ratio: ratio(sectionCopied, sectionCharacters))
    }
    return CopyMetrics(
      characters: characters, templateCharacters: templateCharacters, copiedCharacters: copiedCharacters,
      copyRatio: ratio(copiedCharacters, characters), largestSourceRatio: sourceCopies.first?.ratio ?? 0,
      largestSourceId: sourceCopies.first?.id, sources: sourceCopies, sections: sectionCopies)
  }

  /// The same, with the excluded-token mask computed from the excluded shingles.
  package static func measure(
    application: NormalizedText, sources: [SourcePassages], k: Int, seed: UInt64,
    excluding: Set<UInt64>, sections: [TextSection] = []
  ) -> CopyMetrics {
    measure(
      application: application, sources: sources,
      excludedTokens: ExcludedText.tokenMask(of: application, k: k, seed: seed, excluding: excluding),
      sections: sections)
  }

  /// Tokens that lie completely inside one of the passages.
  static func coveredTokens(_ text: NormalizedText, passages: [Passage]) -> [Bool] {
    var covered = [Bool](repeating: false, count: text.count)
    for passage in passages {
      for index in tokenRange(text, from: passage.start, to: passage.end)
      where Int(text.ends[index]) <= passage.end {
        covered[index] = true
      }
    }
    return covered
  }

  /// Indices of the tokens that start in `start..<end`.
  static func tokenRange(_ text: NormalizedText, from start: Int, to end: Int) -> Range<Int> {
    let lower = text.firstToken(startingAtOrAfter: start)
    let upper = text.firstToken(startingAtOrAfter: end)
    return lower..<max(lower, upper)
  }

  private static func ratio(_ part: Int, _ whole: Int) -> Double {
    whole > 0 ? Double(part) / Double(whole) : 0
  }
}
