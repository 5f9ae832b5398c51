import Fingerprints
import Matching
import Testing

@testable import ChachongCore

/// `query`'s section containment, read from each candidate's verification, against its definition
/// on sets: per compared section, the share of its distinct non-excluded shingles that the match
/// holds; the largest share. Sections with fewer than 20 positions left after exclusion are not
/// compared; with one compared section it is not used.
@Suite struct SectionContainmentTests {
  let k = 5
  let seed: UInt64 = 17

  func text(_ count: Int, seed: UInt64) -> String {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    var scalars = String.UnicodeScalarView()
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // A small alphabet, so that shingles repeat within and across texts.
      if let scalar = Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 40)) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  func definition(
    hashes: [UInt64], ranges: [Range<Int>], match: Set<UInt64>, excluding: Set<UInt64>
  ) -> (useful: Bool, maximum: Double) {
    var sections: [Set<UInt64>] = []
    for range in ranges {
      let end = min(max(range.lowerBound + 1, range.upperBound - k + 1), hashes.count)
      guard range.lowerBound < end else { continue }
      let kept = hashes[range.lowerBound..<end].filter { !excluding.contains($0) }
      if !excluding.isEmpty && kept.count < SectionContainment.minimumShinglesAfterExclusion { continue }
      sections.append(Set(kept))
    }
    let maximum =
      sections.filter { !$0.isEmpty }.map {
        Double($0.intersection(match).count) / Double($0.count)
      }.max() ?? 0
    return (sections.count > 1, maximum)
  }

  @Test func theVerificationGivesTheSetDefinition() {
    var compared = 0
    for round in 0..<60 {
      let sections = (0..<(1 + round % 5)).map {
        text(40 + 37 * ((round + $0) % 7), seed: UInt64(round * 10 + $0))
      }
      let query = sections.joined()
      let normalized = NormalizedText(normalizing: query)
      let hashes = Shingler.shingleHashes(of: normalized, k: k, seed: seed)
      var ranges: [Range<Int>] = []
      var start = 0
      for section in sections {
        ranges.append(start..<(start + section.unicodeScalars.count))
        start += section.unicodeScalars.count
      }
      // The match copies one section whole (some rounds) and shares scattered shingles.
      let copied = round % 3 == 0 ? sections[round % sections.count] : ""
      let matchText = text(300, seed: UInt64(1000 + round)) + copied
      let matchHashes = Shingler.shingleHashes(of: NormalizedText(normalizing: matchText), k: k, seed: seed)
      let excluding: Set<UInt64> =
        round % 2 == 0 ? [] : Set(hashes.enumerated().filter { $0.offset % 4 == 0 }.map(\.element))
      let prepared = Verifier.PreparedQuery(text: normalized, hashes: hashes, k: k, excluding: excluding)
      let containment = SectionContainment(query: prepared, sectionTokenRanges: ranges)
      let expected = definition(hashes: hashes, ranges: ranges, match: Set(matchHashes), excluding: excluding)
      #expect(containment.isUseful == expected.useful)
      let verification = Verifier.verify(prepared, matchHashes: matchHashes)
      #expect(containment.maximum(in: verification) == expected.maximum, "round \(round)")
      if expected.useful && expected.maximum > 0 { compared += 1 }
    }
    #expect(compared > 10)  // the rounds compare real sections with shared shingles
  }

  @Test func aWhollyCopiedSectionIsContainedWhateverTheRestOfTheMatch() {
    let sections = [text(200, seed: 1), text(150, seed: 2), text(180, seed: 3)]
    let normalized = NormalizedText(normalizing: sections.joined())
    let hashes = Shingler.shingleHashes(of: normalized, k: k, seed: seed)
    let prepared = Verifier.PreparedQuery(text: normalized, hashes: hashes, k: k)
    let containment = SectionContainment(
      query: prepared, sectionTokenRanges: [0..<200, 200..<350, 350..<530])
    let match = Shingler.shingleHashes(
      of: NormalizedText(normalizing: "完全不同的文字" + sections[1] + "其他"), k: k, seed: seed)
    #expect(containment.isUseful)
    #expect(containment.maximum(in: Verifier.verify(prepared, matchHashes: match)) == 1)
  }
}
