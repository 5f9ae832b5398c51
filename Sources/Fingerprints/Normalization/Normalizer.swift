import Foundation

/// The scan behind `NormalizedText(normalizing:)`: one pass over the UTF-8 bytes with a table
/// lookup per scalar; Foundation's NFKC only for the rare scalars that expand to several scalars and
/// for Latin runs that contain non-ASCII letters.
enum Normalizer {
  /// Seed of the hash that turns a Latin/digit run into a token id.
  static let runSeed: UInt64 = 0x7275_6E2D_746F_6B65  // "run-toke"
  /// Set on every run token so it never equals a CJK token (a scalar value < 0x110000).
  static let runTokenFlag: UInt64 = 1 &<< 63

  static func normalize(_ text: String) -> (tokens: [UInt64], starts: [Int32], ends: [Int32]) {
    var text = text
    return text.withUTF8 { utf8 in
      var scan = Scan(capacity: utf8.count / 2 + 16)
      scan.run(utf8)
      let result = (scan.tokens.array(), scan.starts.array(), scan.ends.array())
      scan.deallocate()
      return result
    }
  }

  /// A growable buffer without Array's per-append uniqueness checks.
  struct Buffer<Element> {
    var base: UnsafeMutablePointer<Element>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
      self.capacity = max(capacity, 16)
      base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ element: Element) {
      if count == capacity { grow() }
      (base + count).initialize(to: element)
      count += 1
    }

    mutating func grow() {
      let newCapacity = capacity * 2
      let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
      newBase.moveInitialize(from: base, count: count)
      base.deallocate()
      base = newBase
      capacity = newCapacity
    }

    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func deallocate() { base.deallocate() }
  }

  struct Scan {
    var tokens: Buffer<UInt64>
    var starts: Buffer<Int32>
    var ends: Buffer<Int32>
    /// Bytes of the open run (folded), its start and end offset; `runStart < 0`: no open run.
    var runBytes: [UInt8] = []
    var runStart: Int32 = -1
    var runEnd: Int32 = 0
    var runIsASCII = true

    init(capacity: Int) {
      tokens = Buffer(capacity: capacity)
      starts = Buffer(capacity: capacity)
      ends = Buffer(capacity: capacity)
      runBytes.reserveCapacity(64)
    }

    func deallocate() {
      tokens.deallocate()
      starts.deallocate()
      ends.deallocate()
    }

    @inline(__always)
    mutating func emit(_ token: UInt64, _ start: Int32, _ end: Int32) {
      tokens.append(token)
      starts.append(start)
      ends.append(end)
    }

    mutating func run(_ utf8: UnsafeBufferPointer<UInt8>) {
      let table = ScalarTable.bmp
      table.kinds.withUnsafeBufferPointer { kinds in
        table.mapping.withUnsafeBufferPointer { mapping in
          scan(utf8, kinds: kinds, mapping: mapping)
        }
      }
    }

    private mutating func scan(
      _ utf8: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>,
      mapping: UnsafeBufferPointer<UInt32>
    ) {
      guard let bytes = utf8.baseAddress else { return }
      let count = utf8.count
      var index = 0
      var offset: Int32 = 0
      while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
          var byte = lead
          if byte &- 0x41 < 26 { byte |= 0x20 }
          if byte &- 0x61 < 26 || byte &- 0x30 < 10 {
            appendASCII(byte, offset)
          } else {
            closeRun()
          }
          index += 1
          offset += 1
          continue
        }
        // Swift strings hold valid UTF-8, so the continuation bytes exist.
        let value: UInt32
        if lead < 0xE0 {
          value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
          index += 2
        } else if lead < 0xF0 {
          value =
            (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
            | UInt32(bytes[index + 2] & 0x3F)
          index += 3
        } else {
          value =
            (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
            | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
          index += 4
        }
        if value < 0x10000 {
          let kind = kinds[Int(value)]
          if kind == ScalarKind.ideograph.rawValue {
            closeRun()
            emit(UInt64(value), offset, offset + 1)
          } else if kind == ScalarKind.mapped.rawValue {
            handleStable(mapping[Int(value)], offset, kinds: kinds)
          } else if kind == ScalarKind.expands.rawValue {
            handleExpanding(value, offset, kinds: kinds)
          } else {
            handle(kind, value, offset)
          }
        } else {
          handleSupplementary(value, offset, kinds: kinds)
        }
        offset += 1
      }
      closeRun()
    }

    /// A scalar that is its own NFKC + lowercase form.
    @inline(__always)
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
      if kind == ScalarKind.ideograph.rawValue {
        closeRun()
        emit(UInt64(value), offset, offset + 1)
      } else {
        handle(kind, value, offset)
      }
    }

    @inline(__always)
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
        closeRun()
        emit(UInt64(value), offset, offset + 1)
      default:
        closeRun()
      }
    }

    private mutating func handleExpanding(
      _ value: UInt32, _ offset: Int32, kinds: UnsafeBufferPointer<UInt8>
    ) {
      guard let scalar = Unicode.Scalar(value) else { return }
      for folded in ScalarTable.foldedScalars(scalar) {
        handleStable(folded.value, offset, kinds: kinds)
      }
    }

    private mutating func handleSupplementary(
      _ value: UInt32, _ offset: Int32, kinds: UnsafeBufferPointer<UInt8>
    ) {
      if value >= 0x20000 && value <= 0x3FFFF && !(0x2F800...0x2FA1F).contains(value) {
        closeRun()
        emit(UInt64(value), offset, offset + 1)
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
      runEnd = offset + 1
      runBytes.append(byte)
    }

    private mutating func appendScalar(_ value: UInt32, _ offset: Int32) {
      if runStart < 0 { runStart = offset }
      runEnd = offset + 1
      runIsASCII = false
      guard let scalar = Unicode.Scalar(value) else { return }
      runBytes.append(contentsOf: String(Character(scalar)).utf8)
    }

    @inline(__always)
    private mutating func closeRun() {
      if runStart >= 0 { flushRun() }
    }

    private mutating func flushRun() {
      let hash: UInt64
      if runIsASCII {
        hash = runBytes.withUnsafeBytes { StableHash.hash64($0, seed: Normalizer.runSeed) }
      } else {
        // Compose combining sequences so "e\u{301}" and "é" give the same token.
        let folded = ScalarTable.fold(String(decoding: runBytes, as: UTF8.self))
        hash = StableHash.hash64(Array(folded.utf8), seed: Normalizer.runSeed)
      }
      emit(hash | Normalizer.runTokenFlag, runStart, runEnd)
      runBytes.removeAll(keepingCapacity: true)
      runStart = -1
      runIsASCII = true
    }
  }
}
