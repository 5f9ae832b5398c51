/// A small open-addressing map from libxml2's interned name pointers to small values.
///
/// libxml2 interns element names and namespace URIs in the parser's dictionary, so within one parse
/// the pointer identifies the string; this table is much cheaper than a `Dictionary` on every event.
struct PointerTable<Value> {
  private var keys: [UInt]
  private var values: [Value?]
  private var mask: Int
  private var count = 0

  init(capacity: Int = 256) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: nil, count: size)
    mask = size - 1
  }

  private static func slot(_ key: UInt, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
  }

  func value(for pointer: UnsafeRawPointer) -> Value? {
    let key = UInt(bitPattern: pointer)
    var index = Self.slot(key, mask: mask)
    while true {
      let stored = keys[index]
      if stored == key { return values[index] }
      if stored == 0 { return nil }
      index = (index + 1) & mask
    }
  }

  mutating func insert(_ value: Value, for pointer: UnsafeRawPointer) {
    if (count + 1) * 2 > keys.count { grow() }
    let key = UInt(bitPattern: pointer)
    var index = Self.slot(key, mask: mask)
    while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
    if keys[index] == 0 { count += 1 }
    keys[index] = key
    values[index] = value
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = Array(repeating: 0, count: oldKeys.count * 2)
    values = Array(repeating: nil, count: oldKeys.count * 2)
    mask = keys.count - 1
    count = 0
    for (key, value) in zip(oldKeys, oldValues) where key != 0 {
      if let value, let pointer = UnsafeRawPointer(bitPattern: key) { insert(value, for: pointer) }
    }
  }
}
