import Foundation

/// The scan behind `NormalizedText(normalizing:)`: one pass over the UTF-8 bytes with one table load
/// per scalar, writing straight into the result arrays. Foundation's NFKC runs only for the rare
/// scalars that expand to several scalars and for Latin runs that contain non-ASCII letters.
enum Normalizer {
  /// Seed of the hash that turns a Latin/digit run into a token id.
  static let runSeed: UInt64 = 0x7275_6E2D_746F_6B65  // "run-toke"
  /// Set on every run token so it never equals a CJK token (a scalar value < 0x110000).
  static let runTokenFlag: UInt64 = 1 &<< 63

  static func normalize(_ text: String) -> (tokens: [UInt64], starts: [Int32], ends: [Int32]) {
    var text = text
    return text.withUTF8 { utf8 in
      let scalars = ScalarCount.of(utf8)
      var capacity = scalars + 8
      while true {
        if let result = attempt(utf8, scalars: scalars, capacity: capacity) { return result }
        capacity = capacity * 2 + 64
      }
    }
  }

  /// Fills arrays of `capacity`; nil when expansions (one scalar → several tokens) would overflow.
  private static func attempt(_ utf8: UnsafeBufferPointer<UInt8>, scalars: Int, capacity: Int)
    -> (tokens: [UInt64], starts: [Int32], ends: [Int32])?
  {
    var starts: [Int32] = []
    var ends: [Int32] = []
    var overflow = false
    let tokens = [UInt64](unsafeUninitializedCapacity: capacity) { tokenBuffer, tokenCount in
      starts = [Int32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
        ends = [Int32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
          var scan = Scan(
            tokens: tokenBuffer, starts: startBuffer, ends: endBuffer, scalars: scalars)
          let table = ScalarTable.bmp
          table.kinds.withUnsafeBufferPointer { kinds in
            table.mapping.withUnsafeBufferPointer { mapping in
              scan.run(utf8, kinds: kinds, mapping: mapping)
            }
          }
          scan.releaseScratch()
          overflow = scan.overflow
          let count = overflow ? 0 : scan.count
          tokenCount = count
          startCount = count
          endCount = count
        }
      }
    }
    return overflow ? nil : (tokens, starts, ends)
  }

  /// Scan state; a local value so that the optimiser keeps the hot fields in registers.
  struct Scan {
    let tokens: UnsafeMutableBufferPointer<UInt64>
    let starts: UnsafeMutableBufferPointer<Int32>
    let ends: UnsafeMutableBufferPointer<Int32>
    let scalars: Int
    var count = 0
    var overflow = false
    /// Folded UTF-8 of the open run; `runStart < 0`: no open run.
    var scratch: UnsafeMutablePointer<UInt8>
    var scratchCount = 0
    var scratchCapacity = 256
    var runStart: Int32 = -1
    var runEnd: Int32 = 0
    var runIsASCII = true

    init(
      tokens: UnsafeMutableBufferPointer<UInt64>, starts: UnsafeMutableBufferPointer<Int32>,
      ends: UnsafeMutableBufferPointer<Int32>, scalars: Int
    ) {
      self.tokens = tokens
      self.starts = starts
      self.ends = ends
      self.scalars = scalars
      scratch = .allocate(capacity: scratchCapacity)
    }

    func releaseScratch() { scratch.deallocate() }

    @inline(__always)
    mutating func emit(_ token: UInt64, _ start: Int32, _ end: Int32) {
      // Capacity is ≥ one token per scalar; only expansions can exceed it, and they check first.
      tokens[count] = token
      starts[count] = start
      ends[count] = end
      count &+= 1
    }

    mutating func run(
      _ utf8: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>,
      mapping: UnsafeBufferPointer<UInt32>
    ) {
      guard let bytes = utf8.baseAddress, let tokenBase = tokens.baseAddress,
        let startBase = starts.baseAddress, let endBase = ends.baseAddress
      else { return }
      // Hot state lives in locals (stores through the output pointers could alias `self`, which
      // would force reloads); it is written back around every call that uses `self`.
      var count = self.count
      var runOpen = runStart >= 0
      let end = bytes + utf8.count
      var cursor = bytes
      var offset: Int32 = 0
      while cursor < end {
        let lead = cursor.pointee
        if lead < 0x80 {
          var byte = lead
          if byte &- 0x41 < 26 { byte |= 0x20 }
          if byte &- 0x61 < 26 || byte &- 0x30 < 10 {
            self.count = count
            appendASCII(byte, offset)
            runOpen = true
          } else if runOpen {
            self.count = count
            flushRun()
            count = self.count
            runOpen = false
          }
          cursor += 1
          offset &+= 1
          continue
        }
        // Swift strings hold valid UTF-8, so the continuation bytes exist.
        let value: UInt32
        if lead >= 0xE0 && lead < 0xF0 {
          value =
            (UInt32(lead & 0x0F) << 12) | (UInt32(cursor[1] & 0x3F) << 6) | UInt32(cursor[2] & 0x3F)
          cursor += 3
        } else if lead < 0xE0 {
          value = (UInt32(lead & 0x1F) << 6) | UInt32(cursor[1] & 0x3F)
          cursor += 2
        } else {
          value =
            (UInt32(lead & 0x07) << 18) | (UInt32(cursor[1] & 0x3F) << 12)
            | (UInt32(cursor[2] & 0x3F) << 6) | UInt32(cursor[3] & 0x3F)
          cursor += 4
        }
        let kind = value < 0x10000 ? kinds[Int(value)] : ScalarKind.expands.rawValue
        if kind == ScalarKind.ideograph.rawValue {
          if runOpen {
            self.count = count
            flushRun()
            count = self.count
            runOpen = false
          }
          // Capacity is ≥ one token per scalar; only expansions can exceed it, and they check.
          tokenBase[count] = UInt64(value)
          startBase[count] = offset
          endBase[count] = offset &+ 1
          count &+= 1
        } else if kind == ScalarKind.separator.rawValue {
          if runOpen {
            self.count = count
            flushRun()
            count = self.count
            runOpen = false
          }
        } else {
          self.count = count
          if value >= 0x10000 {
            handleSupplementary(value, offset, kinds: kinds)
          } else if kind == ScalarKind.mapped.rawValue {
            handleStable(mapping[Int(value)], offset, kinds: kinds)
          } else if kind == ScalarKind.expands.rawValue {
            handleExpanding(value, offset, kinds: kinds)
          } else {
            handle(kind, value, offset)
          }
          count = self.count
          runOpen = runStart >= 0
        }
        offset &+= 1
      }
      self.count = count
      if runStart >= 0 { flushRun() }
    }

    /// A scalar that is its own NFKC + lowercase form.
    private mutating func handleStable(
      _ value: UInt32, _ offset: Int32, kinds: UnsafeBufferPointer<UInt8>
    ) {
      let kind: UInt8
      if value < 0x10000 {
        kind = kinds[Int(value)]
      } else if let scalar = Unicode.Scalar(value) {
        kind = ScalarTable.baseKind(scalar).rawValue
      } else {
        kind = ScalarKind.separator.rawValue
      }
      handle(kind, value, offset)
    }

    private mutating func handle(_ kind: UInt8, _ value: UInt32, _ offset: Int32) {
      switch kind {
      case ScalarKind.asciiAlphanumeric.rawValue:
        var byte = UInt8(truncatingIfNeeded: value)
        if byte &- 0x41 < 26 { byte |= 0x20 }
        appendASCII(byte, offset)
      case ScalarKind.word.rawValue:
        appendScalar(value, offset)
      case ScalarKind.mark.rawValue:
        if runStart >= 0 { appendScalar(value, offset) }
      case ScalarKind.ignorable.rawValue:
        break
      case ScalarKind.ideograph.rawValue:
        if runStart >= 0 { flushRun() }
        emit(UInt64(value), offset, offset &+ 1)
      default:
        if runStart >= 0 { flushRun() }
      }
    }

    private mutating func handleExpanding(
      _ value: UInt32, _ offset: Int32, kinds: UnsafeBufferPointer<UInt8>
    ) {
      guard let scalar = Unicode.Scalar(value) else { return }
      let folded = ScalarTable.foldedScalars(scalar)
      // Worst case from here: the open run, every folded scalar, one token per remaining scalar.
      let remaining = scalars - Int(offset) - 1
      guard count + 1 + folded.count + remaining <= tokens.count else {
        overflow = true
        return
      }
      for piece in folded { handleStable(piece.value, offset, kinds: kinds) }
    }

    private mutating func handleSupplementary(
      _ value: UInt32, _ offset: Int32, kinds: UnsafeBufferPointer<UInt8>
    ) {
      if value >= 0x20000 && value <= 0x3FFFF && !(0x2F800...0x2FA1F).contains(value) {
        if runStart >= 0 { flushRun() }
        emit(UInt64(value), offset, offset &+ 1)
        return
      }
      guard let scalar = Unicode.Scalar(value) else { return }
      let (kind, target) = ScalarTable.classify(scalar)
      switch kind {
      case .mapped:
        if let target { handleStable(target.value, offset, kinds: kinds) }
      case .expands:
        handleExpanding(value, offset, kinds: kinds)
      default:
        handle(kind.rawValue, value, offset)
      }
    }

    @inline(__always)
    private mutating func appendASCII(_ byte: UInt8, _ offset: Int32) {
      if runStart < 0 { runStart = offset }
      runEnd = offset &+ 1
      if scratchCount == scratchCapacity { growScratch() }
      scratch[scratchCount] = byte
      scratchCount &+= 1
    }

    private mutating func appendScalar(_ value: UInt32, _ offset: Int32) {
      if runStart < 0 { runStart = offset }
      runEnd = offset &+ 1
      runIsASCII = false
      guard let scalar = Unicode.Scalar(value) else { return }
      UTF8.encode(scalar) { byte in
        if scratchCount == scratchCapacity { growScratch() }
        scratch[scratchCount] = byte
        scratchCount &+= 1
      }
    }

    private mutating func growScratch() {
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity * 2)
      larger.moveInitialize(from: scratch, count: scratchCount)
      scratch.deallocate()
      scratch = larger
      scratchCapacity *= 2
    }

    private mutating func flushRun() {
      let hash: UInt64
      let bytes = UnsafeBufferPointer(start: scratch, count: scratchCount)
      if runIsASCII {
        hash = StableHash.hash64(UnsafeRawBufferPointer(bytes), seed: Normalizer.runSeed)
      } else {
        // Compose combining sequences so "e\u{301}" and "é" give the same token.
        let folded = ScalarTable.fold(String(decoding: bytes, as: UTF8.self))
        hash = StableHash.hash64(Array(folded.utf8), seed: Normalizer.runSeed)
      }
      emit(hash | Normalizer.runTokenFlag, runStart, runEnd)
      scratchCount = 0
      runStart = -1
      runIsASCII = true
    }
  }
}
