import Fingerprints
import Matching

/// µs per verified pair: `Verifier.scores` from hashes, and with a `PreparedQuery` reused across
/// candidates (one query against 20 candidates, as an index query does).
enum VerifySpeed {
  static func run(_ options: Options) throws {
    let documents = try CorpusFile.documents(
      path: try options.required("corpus"), limit: options.int("limit", default: 100))
    let parameters = FingerprintParameters.standard
    let fingerprinter = Fingerprinter(parameters: parameters)
    let fingerprints = documents.map { fingerprinter.fingerprint($0.text) }
    let queries = min(20, fingerprints.count)
    let candidates = min(20, fingerprints.count)
    for round in 0..<4 {
      // Rounds 0–1: unrelated candidates (no shingles shared beyond boilerplate); 2–3: the query
      // itself as every candidate (a near-duplicate, everything shared).
      let candidateIndex = { (q: Int, c: Int) in round < 2 ? fingerprints.count - 1 - c : q }
      var checksum = 0
      var start = Clock.cpuSeconds()
      for q in 0..<queries {
        for c in 0..<candidates {
          checksum &+=
            Verifier.scores(
              query: fingerprints[q].normalized, queryHashes: fingerprints[q].shingleHashes,
              matchHashes: fingerprints[candidateIndex(q, c)].shingleHashes, k: parameters.shingleSize
            ).sharedShingles
        }
      }
      let plain = Clock.cpuSeconds() - start
      start = Clock.cpuSeconds()
      for q in 0..<queries {
        let prepared = Verifier.PreparedQuery(
          text: fingerprints[q].normalized, hashes: fingerprints[q].shingleHashes, k: parameters.shingleSize)
        for c in 0..<candidates {
          checksum &-=
            Verifier.scores(
              prepared, matchHashes: fingerprints[candidateIndex(q, c)].shingleHashes
            ).sharedShingles
        }
      }
      let prepared = Clock.cpuSeconds() - start
      let pairs = Double(queries * candidates)
      printLine(
        (round < 2 ? "unrelated " : "identical ")
          + "verify: \(format(plain / pairs * 1e6)) µs per pair; prepared query (incl. preparing, "
          + "\(candidates) candidates each): \(format(prepared / pairs * 1e6)) µs per pair (CPU)"
          + (checksum != 0 ? " MISMATCH" : ""))
    }
  }
}
