/// HMAC-SHA256 (RFC 2104 / FIPS 198-1) over ``SHA256``.
///
/// The index stores personal ID numbers only as HMAC-SHA256 under a random per-index key, so
/// equal IDs can be matched inside one index without the index revealing them.
package enum HMACSHA256 {
  package static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var blockKey = key.count > SHA256.blockSize ? SHA256.hash(key) : key
    blockKey.append(contentsOf: [UInt8](repeating: 0, count: SHA256.blockSize - blockKey.count))
    var inner = SHA256()
    inner.update(blockKey.map { $0 ^ 0x36 })
    inner.update(message)
    let innerDigest = inner.finalize()
    var outer = SHA256()
    outer.update(blockKey.map { $0 ^ 0x5c })
    outer.update(innerDigest)
    return outer.finalize()
  }

  package static func hexAuthenticationCode(key: [UInt8], message: [UInt8]) -> String {
    Hex.encode(authenticationCode(key: key, message: message))
  }
}
