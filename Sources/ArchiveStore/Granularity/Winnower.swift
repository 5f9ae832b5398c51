/// Winnowing (Schleimer, Wilkerson and Aiken 2003) over a document's shingle hashes.
///
/// In every window of `window` consecutive hashes the minimum is selected (the rightmost one on
/// ties); the distinct selected values are the document's fingerprints. Two texts sharing a run
/// of at least `window` shingles share at least one fingerprint.
package enum Winnower {
  /// Distinct fingerprints, ascending. Fewer hashes than `window` select their minimum.
  package static func fingerprints(of hashes: [UInt64], window: Int) -> [UInt64] {
    guard !hashes.isEmpty else { return [] }
    let width = max(1, window)
    if hashes.count <= width {
      return [hashes.min() ?? 0]
    }
    var selected: [UInt64] = []
    selected.reserveCapacity(2 * hashes.count / (width + 1) + 2)
    // Monotone deque of positions whose hashes increase from front to back.
    var deque = [Int](repeating: 0, count: hashes.count)
    var head = 0
    var tail = 0
    var lastSelected = -1
    for position in 0..<hashes.count {
      let value = hashes[position]
      while tail > head && hashes[deque[tail - 1]] >= value {
        tail -= 1
      }
      deque[tail] = position
      tail += 1
      if deque[head] <= position - width {
        head += 1
      }
      if position >= width - 1 && deque[head] != lastSelected {
        lastSelected = deque[head]
        selected.append(hashes[lastSelected])
      }
    }
    selected.sort()
    var unique: [UInt64] = []
    unique.reserveCapacity(selected.count)
    for value in selected where unique.last != value {
      unique.append(value)
    }
    return unique
  }
}
