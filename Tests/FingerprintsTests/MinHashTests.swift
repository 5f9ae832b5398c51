import Testing

@testable import Fingerprints

@Suite struct MinHashTests {
  let hasher = MinHasher(parameters: .standard)

  /// Two sets with exactly `shared` common elements out of `union`.
  private func pair(union: Int, shared: Int, offset: UInt64) -> ([UInt64], [UInt64]) {
    let onlyEach = (union - shared) / 2
    let common = (0..<UInt64(shared)).map { StableHash.mix64($0 &+ offset) }
    let a = (0..<UInt64(onlyEach)).map { StableHash.mix64($0 &+ offset &+ 1_000_000) }
    let b = (0..<UInt64(onlyEach)).map { StableHash.mix64($0 &+ offset &+ 2_000_000) }
    return (common + a, common + b)
  }

  @Test func identicalSetsEstimateOne() {
    let (a, _) = pair(union: 1000, shared: 500, offset: 1)
    #expect(hasher.signature(of: a).estimatedJaccard(hasher.signature(of: a.reversed())) == 1)
    #expect(hasher.signature(of: a).values.count == 128)
  }

  @Test func estimatesAreCloseToExactJaccardForLongAndShortSets() {
    for size in [20, 200, 10_000] {
      var totalError = 0.0
      let trials = 40
      for trial in 0..<trials {
        let (a, b) = pair(union: size, shared: size / 2, offset: UInt64(trial) * 10_000_000)
        let exact = Double(size / 2) / Double(size / 2 + 2 * ((size - size / 2) / 2))
        let estimate = hasher.signature(of: a).estimatedJaccard(hasher.signature(of: b))
        totalError += (estimate - exact) * (estimate - exact)
      }
      let rmse = (totalError / Double(trials)).squareRoot()
      #expect(rmse < 0.07, "size \(size): rmse \(rmse)")  // independent permutations: 0.044
    }
  }

  @Test func excludedShinglesDoNotShapeTheSignature() {
    let (a, b) = pair(union: 2000, shared: 200, offset: 77)
    let boilerplate = (0..<UInt64(3000)).map { StableHash.mix64($0 &+ 999_999_999) }
    let excluded = Set(boilerplate)
    let plain = hasher.signature(of: a).estimatedJaccard(hasher.signature(of: b))
    let withBoilerplate = hasher.signature(of: a + boilerplate, excluding: excluded)
      .estimatedJaccard(hasher.signature(of: boilerplate + b, excluding: excluded))
    #expect(withBoilerplate == plain)
    let fingerprint = Fingerprinter(parameters: .standard).fingerprint("甲乙丙丁戊己庚", excluding: [1])
    #expect(fingerprint.shingleHashes.count == 3)
  }

  @Test func emptyInputGivesAConstantSignature() {
    #expect(hasher.signature(of: []).values == [UInt32](repeating: .max, count: 128))
  }

  @Test func serializationRoundTrips() throws {
    let signature = hasher.signature(of: [1, 2, 3, 4, 5])
    #expect(try MinHashSignature(serialized: signature.serialized()) == signature)
    #expect(throws: FingerprintsError.self) {
      try MinHashSignature(serialized: Array(signature.serialized().dropLast()))
    }
  }
}

@Suite struct LSHParametersTests {
  @Test func optimalMatchesDatasketch() {
    #expect(LSHParameters.optimal(threshold: 0.5, signatureSize: 128) == LSHParameters(bands: 25, rows: 5))
    #expect(LSHParameters.optimal(threshold: 0.8, signatureSize: 128) == LSHParameters(bands: 9, rows: 13))
  }

  @Test func recallOrientedWeightsGiveTheDocumentedChoices() {
    #expect(
      LSHParameters.optimal(
        threshold: 0.5, signatureSize: 128, falsePositiveWeight: 0.1, falseNegativeWeight: 0.9)
        == LSHParameters(bands: 32, rows: 4))
    #expect(
      LSHParameters.optimal(
        threshold: 0.5, signatureSize: 256, falsePositiveWeight: 0.05, falseNegativeWeight: 0.95)
        == LSHParameters(bands: 53, rows: 4))
    #expect(abs(LSHParameters(bands: 25, rows: 5).candidateProbability(similarity: 0.5) - 0.548) < 0.001)
  }

  @Test func bandKeysMixTheBandIndex() {
    let signature = MinHashSignature(values: [UInt32](repeating: 7, count: 128))
    let keys = LSHParameters(bands: 25, rows: 5).bandKeys(of: signature)
    #expect(keys.count == 25)
    #expect(Set(keys).count == 25)
    let other = MinHashSignature(values: [8] + [UInt32](repeating: 7, count: 127))
    let otherKeys = LSHParameters(bands: 25, rows: 5).bandKeys(of: other)
    #expect(otherKeys[0] != keys[0] && Array(otherKeys[1...]) == Array(keys[1...]))
  }
}

@Suite struct FingerprinterTests {
  @Test func fingerprintCombinesTheSteps() {
    let fingerprinter = Fingerprinter(parameters: .standard)
    let text = "本项目面向智能制造领域，研发高精度数控系统。"
    let fingerprint = fingerprinter.fingerprint(text)
    #expect(fingerprint.normalized == NormalizedText(normalizing: text))
    #expect(fingerprint.shingleHashes.count == fingerprint.normalized.count - 4)
    #expect(
      fingerprint.signature == MinHasher(parameters: .standard).signature(of: fingerprint.shingleHashes))
  }
}

@Suite struct MinHashGoldenTests {
  @Test func signatureValuesArePinned() {
    let fingerprinter = Fingerprinter(parameters: .standard)
    let short = fingerprinter.fingerprint("本项目面向智能制造领域，研发高精度数控系统。")
    #expect(Array(short.signature.values.prefix(4)) == GoldenValues.signaturePrefix)
    let long = fingerprinter.fingerprint(
      String(repeating: "项目名称研发总投入申请资助统一社会信用代码", count: 40) + "第三代半导体")
    #expect(Array(long.signature.values.prefix(4)) == GoldenValues.longSignaturePrefix)
  }
}

/// The fill of empty bins (CKernels, AVX-512 where present) against its definition written out in
/// Swift, for sets from one shingle to more than enough to fill every bin.
@Test func emptyBinFillMatchesItsDefinition() {
  let hasher = MinHasher(parameters: .standard)
  var seed: UInt64 = 7
  for count in [1, 2, 7, 9, 50, 100, 300, 700, 2000] {
    var hashes: [UInt64] = []
    for _ in 0..<count {
      seed = StableHash.mix64(seed &+ 0x9E37_79B9_7F4A_7C15)
      hashes.append(seed)
    }
    var expected: [UInt32] = []
    var minima = [UInt64](repeating: .max, count: 128)
    for hash in hashes {
      let h = StableHash.mix64(hash ^ hasher.permutationSeed)
      let bin = Int(((h >> 32) &* 128) >> 32)
      minima[bin] = min(minima[bin], h)
    }
    for bin in 0..<128 {
      var minimum = minima[bin]
      if minimum == .max {
        let binSeed = StableHash.mix64(hasher.fallbackSeed ^ UInt64(bin))
        minimum = hashes.map { StableHash.mix64($0 ^ binSeed) }.min() ?? .max
      }
      expected.append(UInt32(truncatingIfNeeded: minimum))
    }
    #expect(hasher.signature(of: hashes).values == expected, "\(count) shingles")
    // The AVX-512 fill only where the processor has it (forcing it elsewhere is an illegal
    // instruction that takes the whole test process down).
    for avx512 in [false] + (MinHasher.fillsWithAVX512 ? [true] : []) {
      var copy = [UInt64](repeating: .max, count: 128)
      let direct = copy.withUnsafeMutableBufferPointer { minimaBuffer in
        hashes.withUnsafeBufferPointer { pointer in
          if let base = minimaBuffer.baseAddress {
            for hash in pointer { hasher.add(hash, to: base) }
          }
          return hasher.finish(minimaBuffer, hashes: pointer, avx512: avx512)
        }
      }
      #expect(direct.values == expected, "\(count) shingles, avx512 \(avx512)")
    }
  }
}

/// Section signatures computed in the fingerprint's pass equal signatures of the same shingles
/// computed afterwards, whether the ranges are in order (one pass) or not (one by one).
@Test func rangeSignaturesInTheFingerprintPassEqualSeparateSignatures() {
  let fingerprinter = Fingerprinter(parameters: .standard)
  var seed: UInt64 = 11
  var text = ""
  for _ in 0..<3000 {
    seed = StableHash.mix64(seed &+ 1)
    text.unicodeScalars.append(Unicode.Scalar(0x4E00 + UInt32(seed % 300)) ?? "中")
  }
  let rangeSets: [[Range<Int>]] = [
    [], [0..<1], [0..<100, 100..<101, 150..<900, 2000..<2996], [5..<5, 10..<40],
    [500..<900, 0..<100], [0..<200, 100..<300], [2990..<3100],
  ]
  for ranges in rangeSets {
    let (whole, signatures) = fingerprinter.fingerprint(text) { _ in ranges }
    #expect(whole == fingerprinter.fingerprint(text))
    let shingleCount = whole.shingleHashes.count
    let expected = ranges.filter { !$0.isEmpty }.map {
      fingerprinter.hasher.signature(of: Array(whole.shingleHashes[$0.clamped(to: 0..<shingleCount)]))
    }
    #expect(signatures == expected, "\(ranges)")
  }
}
