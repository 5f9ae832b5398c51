import Digest
import Fingerprints

/// A digest of the fingerprints of a fixed text, stored when the index is created and checked
/// on every open: a chachong whose normalisation, shingle hashing or MinHash differ (same
/// parameters, other algorithm) would otherwise look up keys that no stored document has.
package enum FingerprintProbe {
  package static let text =
    "查重 probe：项目名称 Project 2024，申报单位南通市科学技术局（Nantong）; 研发总投入 1,234.5 万元。"
    + "二、研究内容 α-β ①②③ ｆｕｌｌ-width ＡＢＣ １２３ 𠀀𪚥 \u{3000}end."

  package static func digest(parameters: IndexParameters) -> String {
    let fingerprint = Fingerprinter(parameters: parameters.fingerprint).fingerprint(text)
    var bytes: [UInt8] = []
    for token in fingerprint.normalized.tokens {
      bytes.append(contentsOf: withUnsafeBytes(of: token.littleEndian, Array.init))
    }
    for hash in fingerprint.shingleHashes {
      bytes.append(contentsOf: withUnsafeBytes(of: hash.littleEndian, Array.init))
    }
    bytes.append(contentsOf: fingerprint.signature.serialized())
    for key in parameters.lsh.bandKeys(of: fingerprint.signature) {
      bytes.append(contentsOf: withUnsafeBytes(of: key.littleEndian, Array.init))
    }
    return SHA256.hexHash(bytes)
  }
}
