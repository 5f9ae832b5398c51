/// The answers a checker should give on a generated world (written as truth.json).
struct GroundTruth: Codable, Sendable {
  struct Generator: Codable, Sendable {
    var tool: String
    var version: String
    var seed: UInt64
    var size: String
  }

  struct Call: Codable, Sendable {
    var program: String
    var year: Int
    var deadline: String
  }

  struct Document: Codable, Sendable {
    var id: String
    var file: String
    var role: String
    var program: String
    var year: Int
    var status: String
    var title: String
    var organisation: String
    var creditCode: String
    var lead: String
    var guideCode: String
    var layout: String
    var headingStyle: String
    var characters: Int
    var sections: [SectionSpanRecord]
  }

  struct ExpectedFinding: Codable, Sendable, Equatable {
    var application: String
    var rule: String
    var related: [String]
    var plantedCase: String
    /// Other rule ids a checker may reasonably report for the same planted fact instead.
    var alsoAcceptable: [String]?
    /// "unit" for quota: one finding per over-quota recommending unit is enough.
    var scope: String?
    var note: String?
  }

  struct Passage: Codable, Sendable, Equatable {
    /// Offsets in the derived (checked) document's extracted text.
    var start: Int
    var end: Int
    /// Offsets in the source document's extracted text.
    var sourceStart: Int
    var sourceEnd: Int
    var chars: Int
    var section: String
    var sourceSection: String
  }

  struct PlantedPair: Codable, Sendable {
    var source: String
    var derived: String
    var kind: String
    var edits: [String]
    var relation: String
    var overlap: ShingleContract.Overlap
    var passages: [Passage]
  }

  struct Decoy: Codable, Sendable {
    var application: String
    var related: [String]
    var description: String
  }

  var schema = "chachong-corpus-truth/1"
  var generator: Generator
  var shingleContract =
    "delete whitespace (str.isspace) and Unicode punctuation (category P*), nothing else; "
    + "shingles = set of 5-code-point substrings; Jaccard and containments over the sets of the whole "
    + "extracted text (paragraphs joined by \\n, table cells row by row)"
  var call: Call
  var documents: [Document]
  var expectedFindings: [ExpectedFinding]
  var plantedPairs: [PlantedPair]
  var cleanApplications: [String]
  var decoys: [Decoy]
  var unrelatedPairSample: UnrelatedSample
  /// paper-online-mismatch: online and paper versions of one application for `compare --versions`.
  var versionPairs: [VersionRecord]
}

struct VersionRecord: Codable, Sendable {
  var application: String
  var online: String
  var paper: String
  var rule = "paper-online-mismatch"
  var differences: [VersionPair.Difference]
}

struct UnrelatedSample: Codable, Sendable {
  var pairs: Int
  var maximumJaccard: Double
  var meanJaccard: Double
  /// The same pairs with the blank template's shingles (form labels, headings, instructions) removed.
  var meanJaccardWithoutTemplate: Double
  var maximumJaccardWithoutTemplate: Double
}

/// The short file end-to-end tests read.
struct ExpectedFindingsFile: Codable, Sendable {
  var schema = "chachong-expected-findings/1"
  var call: GroundTruth.Call
  var expectedFindings: [GroundTruth.ExpectedFinding]
  var cleanApplications: [String]
  var decoys: [GroundTruth.Decoy]
}
