#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Banded LSH: a signature is cut into `bands` bands of `rows` values; two documents are candidates
/// when any band is equal, which happens with probability `1 - (1 - s^rows)^bands` at Jaccard s.
public struct LSHParameters: Sendable, Codable, Equatable, Hashable {
  package var bands: Int
  package var rows: Int

  package init(bands: Int, rows: Int) {
    self.bands = bands
    self.rows = rows
  }

  /// The (bands, rows) with `bands · rows ≤ signatureSize` minimising
  /// `falsePositiveWeight · ∫₀ᵗ P(s) ds + falseNegativeWeight · ∫ₜ¹ (1 − P(s)) ds`,
  /// exactly as datasketch's `_optimal_param` (same search order, first minimum wins).
  /// For 128 values it gives 25×5 at 0.5 and 9×13 at 0.8.
  package static func optimal(
    threshold: Double, signatureSize: Int, falsePositiveWeight: Double = 0.5,
    falseNegativeWeight: Double = 0.5
  ) -> LSHParameters {
    var best = LSHParameters(bands: 1, rows: 1)
    var bestError = Double.infinity
    let size = max(signatureSize, 1)
    for bands in 1...size {
      for rows in 1...(size / bands) {
        let b = Double(bands)
        let r = Double(rows)
        let falsePositive = integrate(from: 0, to: threshold) { s in
          1 - pow(1 - pow(s, r), b)
        }
        let falseNegative = integrate(from: threshold, to: 1) { s in
          pow(1 - pow(s, r), b)
        }
        let error = falsePositive * falsePositiveWeight + falseNegative * falseNegativeWeight
        if error < bestError {
          bestError = error
          best = LSHParameters(bands: bands, rows: rows)
        }
      }
    }
    return best
  }

  /// Probability that a pair with Jaccard `similarity` shares at least one band.
  package func candidateProbability(similarity: Double) -> Double {
    1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
  }

  /// Seed of the band keys.
  package static let bandSeed: UInt64 = 0x6C73_682D_6261_6E64  // "lsh-band"

  /// One key per complete band: `h = mix64(bandSeed ^ band)`, then for each of the band's values
  /// `h = mix64((h ^ value) &+ StableHash.wordIncrement)`. The band index is mixed in so equal
  /// values in different bands give different keys.
  package func bandKeys(of signature: MinHashSignature) -> [UInt64] {
    let rows = max(self.rows, 1)
    let usable = min(bands, signature.values.count / rows)
    guard usable > 0 else { return [] }
    return signature.values.withUnsafeBufferPointer { values in
      (0..<usable).map { band in
        var h = StableHash.mix64(Self.bandSeed ^ UInt64(band))
        for row in 0..<rows {
          h = StableHash.mix64((h ^ UInt64(values[band * rows + row])) &+ StableHash.wordIncrement)
        }
        return h
      }
    }
  }
}

/// Composite 8-point Gauss–Legendre quadrature over 32 panels (256 evaluations): the integrands
/// are smooth, and this agrees with adaptive quadrature (datasketch uses scipy's `quad`) far below
/// the differences between neighbouring (bands, rows) choices, at a tenth of the cost of Simpson.
private func integrate(from lower: Double, to upper: Double, _ f: (Double) -> Double) -> Double {
  let nodes: [Double] = [
    0.183_434_642_495_649_8, 0.525_532_409_916_329_0, 0.796_666_477_413_626_7,
    0.960_289_856_497_536_3,
  ]
  let weights: [Double] = [
    0.362_683_783_378_362_0, 0.313_706_645_877_887_3, 0.222_381_034_453_374_5,
    0.101_228_536_290_376_3,
  ]
  let panels = 32
  let width = (upper - lower) / Double(panels)
  guard width > 0 else { return 0 }
  let half = width / 2
  var sum = 0.0
  for panel in 0..<panels {
    let middle = lower + (Double(panel) + 0.5) * width
    for index in 0..<4 {
      sum += weights[index] * (f(middle - half * nodes[index]) + f(middle + half * nodes[index]))
    }
  }
  return sum * half
}
