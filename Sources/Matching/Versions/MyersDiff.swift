/// Myers' O((N+M)·D) shortest edit script over two sequences of integers, with a bound on D so a
/// pair of unrelated inputs cannot take quadratic time or memory.
struct MyersDiff: Sendable {
  enum Operation: Sendable, Equatable {
    case equal(Int, Int, count: Int)  // a index, b index
    case delete(Int, count: Int)  // a index
    case insert(Int, count: Int)  // b index
  }

  var maximumEdits: Int = 2_000

  /// The edit script turning `a` into `b`, operations in order, or nil when more than
  /// `maximumEdits` insertions and deletions are needed.
  func diff(_ a: [UInt64], _ b: [UInt64]) -> [Operation]? {
    let n = a.count
    let m = b.count
    if n == 0 && m == 0 { return [] }
    if n == 0 { return [.insert(0, count: m)] }
    if m == 0 { return [.delete(0, count: n)] }
    let limit = min(n + m, maximumEdits)
    let offset = limit + 1
    var frontier = [Int32](repeating: 0, count: 2 * limit + 3)
    // trace[d] holds the frontier x values for diagonals -d...d (before step d+1).
    var trace: [[Int32]] = []
    var found = false
    for d in 0...limit {
      var x = 0
      var k = -d
      while k <= d {
        if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
          x = Int(frontier[offset + k + 1])
        } else {
          x = Int(frontier[offset + k - 1]) + 1
        }
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        frontier[offset + k] = Int32(x)
        if x >= n && y >= m {
          found = true
          break
        }
        k += 2
      }
      trace.append(Array(frontier[(offset - d)...(offset + d)]))
      if found { break }
    }
    guard found else { return nil }
    return backtrack(trace: trace, n: n, m: m)
  }

  private func backtrack(trace: [[Int32]], n: Int, m: Int) -> [Operation] {
    var operations: [Operation] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let k = x - y
      // trace[d - 1] is indexed -(d-1)...(d-1).
      func frontierAt(_ step: Int, _ diagonal: Int) -> Int { Int(trace[step][diagonal + step]) }
      if d == 0 {
        if x > 0 { operations.append(.equal(0, 0, count: x)) }
        break
      }
      let previousK: Int
      if k == -d || (k != d && frontierAt(d - 1, k - 1) < frontierAt(d - 1, k + 1)) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = frontierAt(d - 1, previousK)
      let previousY = previousX - previousK
      let startX = previousK == k + 1 ? previousX : previousX + 1
      let startY = startX - k
      if x > startX { operations.append(.equal(startX, startY, count: x - startX)) }
      if previousK == k + 1 {
        operations.append(.insert(previousY, count: 1))
      } else {
        operations.append(.delete(previousX, count: 1))
      }
      x = previousX
      y = previousY
    }
    return coalesce(operations.reversed())
  }

  /// Joins neighbouring operations of the same kind.
  private func coalesce(_ operations: [Operation]) -> [Operation] {
    var result: [Operation] = []
    for operation in operations {
      switch (result.last, operation) {
      case (.equal(let a, let b, let count)?, .equal(_, _, let more)):
        result[result.count - 1] = .equal(a, b, count: count + more)
      case (.delete(let a, let count)?, .delete(_, let more)):
        result[result.count - 1] = .delete(a, count: count + more)
      case (.insert(let b, let count)?, .insert(_, let more)):
        result[result.count - 1] = .insert(b, count: count + more)
      default:
        result.append(operation)
      }
    }
    return result
  }
}
