import Testing

@testable import Digest

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the NIST long-message vector.
@Test func sha256NISTVectors() {
  #expect(
    SHA256.hexHash(bytes("abc"))
      == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  #expect(
    SHA256.hexHash(bytes("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  #expect(
    SHA256.hexHash(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
      == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  #expect(
    SHA256.hexHash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
      == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256StreamingEqualsOneShot() {
  let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
  for split in [0, 1, 63, 64, 65, 500, 999] {
    var hasher = SHA256()
    hasher.update(Array(message[..<split]))
    hasher.update(Array(message[split...]))
    #expect(Hex.encode(hasher.finalize()) == SHA256.hexHash(message))
  }
}

@Test func sha256HardwareAndPortableCodeAgree() {
  // On a processor without SHA extensions both hashers run the portable code; the NIST vectors
  // above then check it alone.
  var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
  for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 40_000] {
    var message: [UInt8] = []
    for _ in 0..<length {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      message.append(UInt8(truncatingIfNeeded: seed >> 33))
    }
    var portable = SHA256(hardware: false)
    portable.update(message)
    var hardware = SHA256(hardware: true)
    hardware.update(message)
    #expect(Hex.encode(portable.finalize()) == Hex.encode(hardware.finalize()), "length \(length)")
  }
}

// RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (case 5 tests truncation, not used here).
@Test func hmacRFC4231Vectors() {
  let cases: [([UInt8], [UInt8], String)] = [
    (
      [UInt8](repeating: 0x0b, count: 20), bytes("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      bytes("Jefe"), bytes("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      (1...25).map { UInt8($0) }, [UInt8](repeating: 0xcd, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      bytes(
        "This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm."),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ]
  for (key, message, expected) in cases {
    #expect(HMACSHA256.hexAuthenticationCode(key: key, message: message) == expected)
  }
}

@Test func hexRoundTripsAndRejectsBadInput() {
  #expect(Hex.decode("00ff10Ab") == [0, 255, 16, 171])
  #expect(Hex.decode("abc") == nil)
  #expect(Hex.decode("zz") == nil)
  #expect(Hex.encode([0, 255, 16, 171]) == "00ff10ab")
}
